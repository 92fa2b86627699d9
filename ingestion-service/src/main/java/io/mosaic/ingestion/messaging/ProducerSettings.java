package io.mosaic.ingestion.messaging;

import io.mosaic.ingestion.config.IngestionConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer settings behind the promise of a 202: the event is on every in-sync replica (acks=all), written once
 * (idempotence), and a request fails within the publish timeout instead of hanging when Kafka is away. The
 * settings under {@code kafka.*} (address, security) are the base; these win over them.
 */
@ApplicationScoped
public class ProducerSettings {
    private final Map<String, Object> kafkaConfig;
    private final IngestionConfig config;
    private final String instanceId;

    @Inject
    public ProducerSettings(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestionConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.instanceId = config.ingestion()
                .instanceId()
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    public Map<String, Object> idempotent() {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeoutMs = (int) config.ingestion().publishTimeout().toMillis();
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs / 2);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "mosaic-ingestion-" + instanceId);
        return settings;
    }

    /** For batches: all events of one request are committed together or not at all. */
    public Map<String, Object> transactional(int slot) {
        Map<String, Object> settings = idempotent();
        String id = "mosaic-ingestion-" + instanceId + "-" + slot;
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, id);
        return settings;
    }
}
