package io.mosaic.segmentation.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The segmentation topology's settings and its own topics, under {@code mosaic.segmentation.*}. */
@ConfigMapping(prefix = "mosaic.segmentation")
public interface SegmentationConfig {
    /** How long an event id is remembered to drop a retried event: the dedup window. */
    @WithDefault("7d")
    Duration dedupWindow();

    /** How often each task looks for customers whom time alone moves (wall-clock punctuation). */
    @WithDefault("15s")
    Duration timeCheckInterval();

    /** At most how often a tenant's buyers are re-scored when its RFM cuts move. */
    @WithDefault("60s")
    Duration rfmInterval();

    /**
     * How many customers a second this instance re-evaluates at most in the background (backfills of new segments,
     * re-scoring when RFM cuts move), shared by its tasks, less the events they apply: 5 to 100,000.
     */
    @WithDefault("2000")
    int backfillRate();

    /** How long a segment write waits to see itself in this instance's global store before answering 503. */
    @WithDefault("10s")
    Duration definitionsVisibleWithin();

    /** The compacted topic of segment definitions: the source of custom segments, restored on a rebuild. */
    @WithDefault("mosaic.segment-definitions")
    String definitionsTopic();

    /** Where a merge or erasure is passed to the task that owns another customer: partitioned like the events. */
    @WithDefault("mosaic.segmentation.handovers")
    String handoversTopic();

    /** Each task's share of every tenant's RFM histogram (compacted). */
    @WithDefault("mosaic.segmentation.rfm-histograms")
    String rfmHistogramsTopic();

    /** Each task's backfill and replay progress per tenant (compacted). */
    @WithDefault("mosaic.segmentation.progress")
    String progressTopic();
}
