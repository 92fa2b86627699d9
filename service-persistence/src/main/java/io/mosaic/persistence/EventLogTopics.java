package io.mosaic.persistence;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What the consumers of the event log need: the log, its DLQ, and segmentation's two derived topics (one compacted). */
// A service with topics of its own (segmentation) provides its own list instead.
@DefaultBean
@ApplicationScoped
public class EventLogTopics implements RequiredTopics {
    private final TopicsConfig config;

    public EventLogTopics(TopicsConfig config) {
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
