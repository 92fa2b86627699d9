package io.mosaic.segmentation.stream;

import io.mosaic.events.InteractionEvent;
import io.mosaic.segmentation.segments.OutputPayloads;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends {@link Handover}s to other customers' keys, through the handover topic; refuses a chain that loops. */
final class Handovers {
    private final ProcessorContext<String, byte[]> context;

    Handovers(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    void send(String tenant, String customerId, Handover handover) {
        if (handover.hops() > Handover.MAX_HOPS) {
            throw new IllegalStateException(
                    "a merge was passed on " + Handover.MAX_HOPS + " times: the merges form a cycle");
        }
        context.forward(
                new Record<>(
                        InteractionEvent.key(tenant, customerId),
                        OutputPayloads.jsonBytes(handover),
                        context.currentSystemTimeMs()),
                SegmentationTopology.HANDOVERS);
    }
}
