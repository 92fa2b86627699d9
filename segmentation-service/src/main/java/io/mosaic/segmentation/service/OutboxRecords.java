package io.mosaic.segmentation.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.Outbox;
import io.mosaic.segmentation.persistence.CustomerStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** The records segmentation publishes, as outbox entries keyed by tenant and customer. */
@ApplicationScoped
public class OutboxRecords {
    private final TopicsConfig topics;
    private final MeterRegistry registry;

    public OutboxRecords(TopicsConfig topics, MeterRegistry registry) {
        this.topics = topics;
        this.registry = registry;
    }

    Outbox.Entry change(
            String tenant,
            String customerId,
            String segmentId,
            String segmentName,
            SegmentChange.Change change,
            Instant at,
            String cause) {
        SegmentChange record = new SegmentChange(tenant, customerId, segmentId, segmentName, change, at, cause);
        // Counted when decided; a batch retried after a rollback counts its changes again (rare, and only a rate).
        registry.counter("mosaic.segment.changes", "change", change.name().toLowerCase(Locale.ROOT), "cause", cause)
                .increment();
        return new Outbox.Entry(
                0,
                topics.segmentChanges(),
                InteractionEvent.key(tenant, customerId),
                CustomerStore.write(record).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@link io.mosaic.events.CustomerBehavior} record, written around the summary's JSON instead of
     * converting the summary again; a null summary makes a tombstone (no behavior any more).
     */
    Outbox.Entry behavior(String tenant, String customerId, Instant asOf, String summaryJson) {
        byte[] payload = null;
        if (summaryJson != null) {
            String envelope = "{\"tenant\":" + CustomerStore.write(tenant)
                    + ",\"customerId\":" + CustomerStore.write(customerId)
                    + ",\"asOf\":" + CustomerStore.write(asOf)
                    + ",\"behavior\":" + summaryJson + "}";
            payload = envelope.getBytes(StandardCharsets.UTF_8);
        }
        return new Outbox.Entry(0, topics.customerBehavior(), InteractionEvent.key(tenant, customerId), payload);
    }
}
