package io.mosaic.ingestion.messaging;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Ingestion writes the event log; it also creates the DLQ beside it, so the log's consumers find both. */
@ApplicationScoped
public class IngestionTopics implements RequiredTopics {
    private final TopicsConfig config;

    public IngestionTopics(TopicsConfig config) {
        this.config = config;
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(new TopicSpec(config.interactions(), false), new TopicSpec(config.interactionsDlq(), false));
    }
}
