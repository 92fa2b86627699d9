package io.mosaic.segmentation.app;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.segmentation.stream.SegmentationTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topics of segmentation, created at start-up when missing, all with the configured partition count: the
 * handovers must be partitioned exactly like the events (a handover reaches the task that owns its key), and the
 * three compacted tables are read whole into global stores, so their partition count does not matter. The behavior
 * topic is the changelog of the topology's behavior store, so its name follows the application id, and
 * {@code mosaic.topics.customer-behavior} (what the profile service reads) must name it.
 */
@ApplicationScoped
public class SegmentationTopics implements RequiredTopics {
    private final TopicsConfig shared;
    private final SegmentationConfig own;

    public SegmentationTopics(
            TopicsConfig shared,
            SegmentationConfig own,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        checkBehaviorTopic(shared.customerBehavior(), applicationId);
        this.shared = shared;
        this.own = own;
    }

    /** Refuses a configured behavior topic that is not the behavior store's changelog: nobody would write it. */
    static void checkBehaviorTopic(String configured, String applicationId) {
        String behavior = SegmentationTopology.behaviorTopic(applicationId);
        if (!behavior.equals(configured)) {
            throw new IllegalStateException("mosaic.topics.customer-behavior is " + configured
                    + " but the behavior summaries are published on " + behavior
                    + " (the changelog of the application id's behavior store): set mosaic.topics.customer-behavior="
                    + behavior + " in the segmentation and profile services");
        }
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
