package io.mosaic.profile.messaging;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The profile service reads the event log and segmentation's two topics, and writes merges and the DLQ. */
@ApplicationScoped
public class ProfileTopics implements RequiredTopics {
    private final TopicsConfig config;

    public ProfileTopics(TopicsConfig config) {
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
