package io.mosaic.segmentation.messaging;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Segmentation reads the event log and writes the DLQ, segment changes and the compacted behavior topic. */
@ApplicationScoped
public class SegmentationTopics implements RequiredTopics {
    private final TopicsConfig config;

    public SegmentationTopics(TopicsConfig config) {
        this.config = config;
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(
                new TopicSpec(config.interactions(), false),
                new TopicSpec(config.interactionsDlq(), false),
                new TopicSpec(config.segmentChanges(), false),
                new TopicSpec(config.customerBehavior(), true));
    }
}
