package io.mosaic.segmentation.app;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.segmentation.stream.SegmentationTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The topics of segmentation, created at start-up when missing, all with the configured partition count: the
 * handovers must be partitioned exactly like the events (a handover reaches the task that owns its key), and the
 * three compacted tables are read whole into global stores, so their partition count does not matter.
 */
@ApplicationScoped
public class SegmentationTopics implements RequiredTopics {
    private final TopicsConfig shared;
    private final SegmentationConfig own;

    public SegmentationTopics(TopicsConfig shared, SegmentationConfig own) {
        this.shared = shared;
        this.own = own;
    }

    public SegmentationTopology.Topics names() {
        return new SegmentationTopology.Topics(
                shared.interactions(),
                own.definitionsTopic(),
                own.handoversTopic(),
                own.rfmHistogramsTopic(),
                own.progressTopic(),
                shared.segmentChanges(),
                shared.customerBehavior(),
                shared.interactionsDlq());
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(
                new TopicSpec(shared.interactions(), false),
                new TopicSpec(shared.interactionsDlq(), false),
                new TopicSpec(own.handoversTopic(), false),
                new TopicSpec(shared.segmentChanges(), false),
                new TopicSpec(shared.customerBehavior(), true),
                new TopicSpec(own.definitionsTopic(), true),
                new TopicSpec(own.rfmHistogramsTopic(), true),
                new TopicSpec(own.progressTopic(), true));
    }

    public int partitions() {
        return shared.partitions();
    }
}
