package io.mosaic.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends records that cannot be processed to {@code mosaic.interactions.dlq} with the error in headers, and waits
 * for Kafka's acknowledgement before the record's offset is marked applied: nothing is dropped without a trace.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String application;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    public DeadLetters(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TopicsConfig topics,
            @ConfigProperty(name = "quarkus.application.name") String application,
            MeterRegistry registry) {
        this.application = application;
        this.registry = registry;
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dlq");
        this.producer = new KafkaProducer<>(settings);
        this.topic = topics.interactionsDlq();
    }

    /** The events of the records, by tenant in tenant order, each tenant's in record order; malformed ones to the DLQ. */
    public Map<String, List<InteractionEvent>> decodeByTenant(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<InteractionEvent>> byTenant = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            decodeOrSend(record)
                    .ifPresent(event -> byTenant.computeIfAbsent(event.tenant(), t -> new ArrayList<>())
                            .add(event));
        }
        return byTenant;
    }

    /** The event of a {@code mosaic.interactions} record, or empty when it is malformed and went to the DLQ. */
    public Optional<InteractionEvent> decodeOrSend(ConsumerRecord<String, byte[]> record) {
        try {
            InteractionEvent event = EventJson.fromBytes(record.value());
            if (!InteractionEvent.key(event.tenant(), event.customerId()).equals(record.key())) {
                throw new EventJson.MalformedEventException("record key does not match tenant:customerId");
            }
            return Optional.of(event);
        } catch (EventJson.MalformedEventException e) {
            send(record, e);
            return Optional.empty();
        }
    }

    public void send(ConsumerRecord<String, byte[]> record, Exception error) {
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
        letter.headers().add("dlq-original-topic", utf8(record.topic()));
        letter.headers().add("dlq-original-partition", utf8(Integer.toString(record.partition())));
        letter.headers().add("dlq-original-offset", utf8(Long.toString(record.offset())));
        letter.headers().add("dlq-consumer", utf8(application));
        letter.headers().add("dlq-error-class", utf8(error.getClass().getName()));
        letter.headers().add("dlq-error-message", utf8(String.valueOf(error.getMessage())));
        try {
            producer.send(letter).get(30, TimeUnit.SECONDS);
            registry.counter("mosaic.dlq.records", "topic", record.topic()).increment();
            LOG.warnf(
                    "Record %s-%d@%d could not be processed (%s); sent to %s",
                    record.topic(), record.partition(), record.offset(), error.getMessage(), topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(e);
        }
    }

    /**
     * True once the application stops. A record that fails then may fail only because the service is closing
     * around it (its persistence unit or pool already closed), so its failure is not judged: nothing goes to the
     * DLQ, and the batch is left uncommitted for the partition's next owner.
     */
    public boolean stopping() {
        return stopping;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The dead-letter topic did not take the record: the batch is retried, the record is not skipped. */
    public static class UnavailableException extends RuntimeException {
        UnavailableException(Exception cause) {
            super("the dead-letter topic did not take the record", cause);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
