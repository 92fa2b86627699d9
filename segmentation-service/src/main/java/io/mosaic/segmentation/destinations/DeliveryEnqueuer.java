package io.mosaic.segmentation.destinations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.ResilientBatches;
import io.mosaic.segmentation.readmodel.SegmentChanges;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code mosaic.segment-changes} in its own consumer group and owes each matching destination one delivery
 * per change, written to the queue before the offsets are committed: nothing is lost, and a batch read again after
 * a crash adds nothing (one row per destination and source record). Sending happens elsewhere
 * ({@link DeliveryDispatcher}), so no destination can slow this consumer or the segmentation pipeline.
 */
@ApplicationScoped
public class DeliveryEnqueuer {
    public static final String CHANNEL = "destination-changes";
    private static final java.time.Duration CATALOG_AGE = java.time.Duration.ofSeconds(1);

    private final DestinationCatalog catalog;
    private final DeliveryStore store;
    private final Clock clock;
    private final ResilientBatches batches;

    public DeliveryEnqueuer(
            DestinationCatalog catalog,
            DeliveryStore store,
            Clock clock,
            DeadLetters deadLetters,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.batches = new ResilientBatches(CHANNEL, this::apply, record -> {}, deadLetters, registry);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        batches.consume(batch);
    }

    public boolean healthy() {
        return batches.healthy();
    }

    void apply(List<ConsumerRecord<String, byte[]>> records) {
        if (!catalog.freshWithin(CATALOG_AGE)) {
            catalog.reload();
        }
        List<DeliveryStore.NewDelivery> owed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            SegmentChange change = SegmentChanges.read(record.value());
            if (change == null) {
                continue;
            }
            String kind = change.change().name().toLowerCase(Locale.ROOT);
            for (DestinationCatalog.Target target : catalog.ofTenant(change.tenant())) {
                if (target.wants(change.segmentId(), kind)) {
                    UUID id = UUID.randomUUID();
                    owed.add(new DeliveryStore.NewDelivery(
                            id,
                            target.id(),
                            record.partition() + ":" + record.offset(),
                            change.customerId(),
                            body(id, change, kind)));
                }
            }
        }
        store.enqueue(owed, clock.instant());
    }

    /** What the receiver gets (docs/DESTINATIONS.md). */
    static byte[] body(UUID id, SegmentChange change, String kind) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("id", id.toString());
        body.put("type", "segment." + kind);
        body.put("tenant", change.tenant());
        body.put("customerId", change.customerId());
        ObjectNode segment = body.putObject("segment");
        segment.put("id", change.segmentId());
        segment.put("name", change.segmentName());
        body.put("at", change.at().toString());
        body.put("cause", change.cause());
        try {
            return EventJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
