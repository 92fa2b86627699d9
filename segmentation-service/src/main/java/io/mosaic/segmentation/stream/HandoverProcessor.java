package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import java.io.IOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Applies one {@link Handover} to the customer of its key; one that cannot be applied goes to the DLQ. */
final class HandoverProcessor implements Processor<String, byte[], String, byte[]> {
    private final TenantSegments.Source segments;
    private CustomerUpdates updates;
    private DeadLetters deadLetters;

    HandoverProcessor(TenantSegments.Source segments) {
        this.segments = segments;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.updates = new CustomerUpdates(context, segments.open(context));
        this.deadLetters = new DeadLetters(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
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
