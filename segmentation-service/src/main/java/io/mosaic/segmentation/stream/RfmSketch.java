package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.segments.OutputPayloads;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * This task's share of each tenant's RFM histogram: every buyer's inputs as last scored ({@link
 * CustomerState#rfm}), added up in memory. Rebuilt from the task's customer store when the task opens (the task's
 * one scan, in {@link CustomerProcessor}, so it always equals what the committed states say), kept current as customers are re-scored, and published to
 * the histogram topic as {@code tenant:partition} at most once per {@code publishEvery} when it changed. Every
 * instance merges the partitions' histograms from its global store into the tenant's cuts.
 */
final class RfmSketch {
    private final Map<String, RfmHistogram> histograms = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final int partition;

    RfmSketch(ProcessorContext<String, byte[]> context, Duration publishEvery) {
        this.partition = context.taskId().partition();
        context.schedule(publishEvery, PunctuationType.WALL_CLOCK_TIME, now -> publish(context, now));
    }

    /** A stored customer, as the task opens. */
    void restore(String key, CustomerState state) {
        if (state.rfm != null) {
            String tenant = key.substring(0, key.indexOf(':'));
            histograms.computeIfAbsent(tenant, t -> new RfmHistogram()).add(state.rfm, 1);
            changed.add(tenant); // a topic lost or compacted differently is put right on start
        }
    }

    /** A customer of the tenant is now scored with {@code after} instead of {@code before} (either may be null). */
    void rescored(String tenant, RfmHistogram.Contribution before, RfmHistogram.Contribution after) {
        if (Objects.equals(before, after)) {
            return;
        }
        RfmHistogram histogram = histograms.computeIfAbsent(tenant, t -> new RfmHistogram());
        histogram.add(before, -1);
        histogram.add(after, 1);
        changed.add(tenant);
    }

    private void publish(ProcessorContext<String, byte[]> context, long now) {
        for (String tenant : changed) {
            RfmHistogram histogram = histograms.get(tenant);
            byte[] value = histogram.isEmpty() ? null : OutputPayloads.jsonBytes(histogram);
            context.forward(new Record<>(tenant + ":" + partition, value, now), SegmentationTopology.RFM_HISTOGRAMS);
        }
        changed.clear();
    }
}
