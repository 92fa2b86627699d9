package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the API writes segment definitions: the compacted definitions topic (key {@code tenant:segmentId}), the
 * log a rebuild restores them from. A write returns once this instance's global store shows it, so the caller's
 * next read sees its own write; if it does not show within the bound, the write is reported as not confirmed (the
 * record may still arrive: the caller answers "try again", and writing the same definition again is harmless).
 */
public final class DefinitionsLog implements AutoCloseable {
    /** The write was sent, but this instance did not see it in time. */
    public static final class NotVisibleException extends RuntimeException {
        NotVisibleException(String key, Duration bound) {
            super("the definition " + key + " was written but not seen within " + bound.toMillis() + " ms");
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Supplier<ReadOnlyKeyValueStore<String, byte[]>> store;
    private final Duration visibleWithin;

    /**
     * @param store this instance's global store of the topic (looked up per call: it is replaced after a restart)
     */
    public DefinitionsLog(
            Map<String, Object> producerSettings,
            String topic,
            Supplier<ReadOnlyKeyValueStore<String, byte[]>> store,
            Duration visibleWithin) {
        Map<String, Object> settings = new java.util.HashMap<>(producerSettings);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.store = store;
        this.visibleWithin = visibleWithin;
    }

    /** Defines (or redefines) a segment of the tenant. */
    public void put(String tenant, TenantDefinitions.Definition definition) {
        byte[] value =
                EventJson.mapper().valueToTree(definition).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(tenant + ":" + definition.id(), value);
    }

    /** Removes a tenant's own segment (a built-in one is removed with {@link #put} of a {@code deleted} definition). */
    public void remove(String tenant, String segmentId) {
        write(tenant + ":" + segmentId, null);
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(visibleWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotVisibleException(key, visibleWithin);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotVisibleException(key, visibleWithin);
        }
        long deadline = System.nanoTime() + visibleWithin.toNanos();
        while (!Arrays.equals(store.get().get(key), value)) {
            if (System.nanoTime() > deadline) {
                throw new NotVisibleException(key, visibleWithin);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotVisibleException(key, visibleWithin);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
