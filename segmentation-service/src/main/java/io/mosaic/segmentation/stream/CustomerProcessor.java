package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies one {@code mosaic.interactions} record: decoded (a malformed record goes to the DLQ with its reason),
 * deduplicated within the window ({@link SeenEvents}), then handed to {@link CustomerUpdates}. State, input offset
 * and outputs commit together (exactly-once), so there is no applied-offset table and no outbox. It also runs the
 * task's {@link TimeChecks} and {@link Backfills}.
 */
final class CustomerProcessor implements Processor<String, byte[], String, byte[]> {
    private final TenantSegments.Source segments;
    private final SegmentationTopology.Settings settings;
    private final java.util.Map<String, Long> definitionVersions;
    private CustomerUpdates updates;
    private SeenEvents seen;
    private DeadLetters deadLetters;

    CustomerProcessor(
            TenantSegments.Source segments,
            SegmentationTopology.Settings settings,
            java.util.Map<String, Long> definitionVersions) {
        this.segments = segments;
        this.settings = settings;
        this.definitionVersions = definitionVersions;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.updates = new CustomerUpdates(context, segments.open(context));
        this.updates.startTimeChecks(context, settings.time());
        new Backfills(context, definitionVersions, settings.backfill(), updates::reevaluateForBackfill);
        this.seen = new SeenEvents(context, settings.dedup());
        this.deadLetters = new DeadLetters(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        InteractionEvent event;
        try {
            event = EventJson.fromBytes(record.value());
            if (!InteractionEvent.key(event.tenant(), event.customerId()).equals(record.key())) {
                throw new EventJson.MalformedEventException("record key does not match tenant:customerId");
            }
        } catch (EventJson.MalformedEventException e) {
            deadLetters.send(record, e);
            return;
        }
        if (!seen.firstTime(event.tenant(), event.eventId(), updates.now())) {
            return;
        }
        try {
            updates.event(record.key(), event, record.value(), 0);
        } catch (RuntimeException e) {
            deadLetters.send(record, e);
        }
    }
}
