package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import java.io.IOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies one record to the customer of its key: a {@code mosaic.interactions} record is decoded (a malformed one
 * goes to the DLQ with its reason), deduplicated within the window ({@link SeenEvents}) and handed to
 * {@link CustomerUpdates}; a record of the handover topic is a {@link Handover} from another key. State, input
 * offsets and outputs commit together (exactly-once), so there is no applied-offset table and no outbox. One
 * processor reads both topics, so a task has one set of helpers: its {@link TimeChecks}, {@link Backfills} and
 * {@link RfmSketch}.
 */
final class CustomerProcessor implements Processor<String, byte[], String, byte[]> {
    private final TenantSegments.Source segments;
    private final SegmentationTopology.Settings settings;
    private final TableVersions versions;
    private final String handoverTopic;
    private ProcessorContext<String, byte[]> context;
    private CustomerUpdates updates;
    private SeenEvents seen;
    private DeadLetters deadLetters;

    CustomerProcessor(
            TenantSegments.Source segments,
            SegmentationTopology.Settings settings,
            TableVersions versions,
            String handoverTopic) {
        this.segments = segments;
        this.settings = settings;
        this.versions = versions;
        this.handoverTopic = handoverTopic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        TenantSegments tenantSegments = segments.open(context);
        RfmSketch rfm = new RfmSketch(context, settings.rfmPublishEvery());
        this.updates = new CustomerUpdates(context, tenantSegments, rfm);
        this.updates.startTimeChecks(context, settings.time());
        new Backfills(context, tenantSegments, versions, settings.backfill(), updates::reevaluateForBackfill);
        this.seen = new SeenEvents(context, settings.dedup());
        this.deadLetters = new DeadLetters(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        boolean handover = context.recordMetadata()
                .map(metadata -> metadata.topic().equals(handoverTopic))
                .orElse(false);
        if (handover) {
            handover(record);
        } else {
            interaction(record);
        }
    }

    private void interaction(Record<String, byte[]> record) {
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

    private void handover(Record<String, byte[]> record) {
        try {
            Handover handover = EventJson.mapper().readValue(record.value(), Handover.class);
            String tenant = record.key().substring(0, record.key().indexOf(':'));
            switch (handover.kind()) {
                case EVENT ->
                    updates.event(
                            record.key(), EventJson.fromBytes(handover.event()), handover.event(), handover.hops());
                case MERGE -> updates.merge(record.key(), tenant, handover);
                case ABSORB -> updates.absorb(record.key(), tenant, handover);
                case ERASE -> updates.eraseAlias(record.key(), tenant, handover);
            }
        } catch (IOException | RuntimeException e) {
            deadLetters.send(record, e);
        }
    }
}
