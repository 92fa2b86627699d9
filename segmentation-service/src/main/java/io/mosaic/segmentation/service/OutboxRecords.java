package io.mosaic.segmentation.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.Outbox;
import io.mosaic.segmentation.segments.OutputPayloads;
import jakarta.enterprise.context.ApplicationScoped;
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
                0, topics.segmentChanges(), InteractionEvent.key(tenant, customerId), OutputPayloads.change(record));
    }

    /** The {@link io.mosaic.events.CustomerBehavior} record; a null summary makes a tombstone. */
    Outbox.Entry behavior(String tenant, String customerId, Instant asOf, String summaryJson) {
        return new Outbox.Entry(
                0,
                topics.customerBehavior(),
                InteractionEvent.key(tenant, customerId),
                OutputPayloads.behavior(tenant, customerId, asOf, summaryJson));
    }
}
