package io.mosaic.common.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Topic names and how new topics are created, under {@code mosaic.topics.*}. */
@ConfigMapping(prefix = "mosaic.topics")
public interface TopicsConfig {
    @WithDefault("mosaic.interactions")
    String interactions();

    @WithDefault("mosaic.interactions.dlq")
    String interactionsDlq();

    @WithDefault("mosaic.segment-changes")
    String segmentChanges();

    /**
     * Segmentation's behavior summaries, the latest per customer: the changelog of its topology's behavior store, so
     * named after its application id ({@code mosaic-segmentation}).
     */
    @WithDefault("mosaic-segmentation-customer-behavior-changelog")
    String customerBehavior();

    /** Partitions of new topics: the most consumer instances a service can scale out to. */
    @WithDefault("12")
    int partitions();

    @WithDefault("1")
    short replicationFactor();

    /** How long events stay on the topic, and so how far back a rebuild from the log reaches. */
    @WithDefault("400d")
    Duration retention();
}
