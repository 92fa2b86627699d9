package io.mosaic.profile.service;

import io.mosaic.common.NotFoundException;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a {@code customer.erased} event for an erasure request and returns once Kafka has it on all in-sync
 * replicas. Nothing is deleted here: every service deletes when it consumes the event.
 */
@ApplicationScoped
public class ErasureRequests {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ProfileQueries queries;
    private final Clock clock;

    public ErasureRequests(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TopicsConfig topics,
            ProfileQueries queries,
            Clock clock) {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "mosaic-profile-erasure");
        this.producer = new KafkaProducer<>(settings);
        this.topic = topics.interactions();
        this.queries = queries;
        this.clock = clock;
    }

    /** Thrown when Kafka did not take the request; nothing was requested, the caller may retry. */
    public static class NotPublishedException extends RuntimeException {
        NotPublishedException(Exception cause) {
            super("The erasure request could not be recorded; retry shortly.", cause);
        }
    }

    /** Answers the erasure event (the id of the surviving customer it erases). */
    public InteractionEvent request(String tenant, String customerId) {
        String survivor = queries.existing(tenant, customerId)
                .orElseThrow(() -> new NotFoundException("No customer '" + customerId + "'."));
        InteractionEvent erasure = PlatformEvents.erasure(tenant, survivor, clock.instant());
        try {
            producer.send(new ProducerRecord<>(topic, erasure.key(), EventJson.toBytes(erasure)))
                    .get(15, TimeUnit.SECONDS);
            return erasure;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotPublishedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublishedException(e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
