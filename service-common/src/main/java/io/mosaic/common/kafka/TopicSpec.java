package io.mosaic.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** A topic a service needs, created at start-up when it is missing. */
public record TopicSpec(String name, boolean compacted) {

    NewTopic toNewTopic(TopicsConfig config) {
        Map<String, String> settings = new HashMap<>();
        settings.put(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, config.replicationFactor())));
        if (compacted) {
            settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            settings.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(config.retention().toMillis()));
        }
        return new NewTopic(name, config.partitions(), config.replicationFactor()).configs(settings);
    }
}
