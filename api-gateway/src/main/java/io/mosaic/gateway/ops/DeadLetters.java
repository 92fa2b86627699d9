package io.mosaic.gateway.ops;

import io.mosaic.events.EventHeaders;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest records of the dead-letter topic, described by their headers (which consumer refused which record,
 * and why), never by their payload: a refused event may hold personal data. Read with a consumer of its own that
 * is assigned, not subscribed (no group, no commits); calls are serialized because a consumer is not thread-safe.
 */
@ApplicationScoped
public class DeadLetters {
    public static final int MAX_LIMIT = 100;
    /** Error messages are the refusing code's own words; bounded so that one record cannot flood the page. */
    static final int MAX_MESSAGE = 500;

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_BUDGET = Duration.ofSeconds(3);

    private final KafkaConsumer<byte[], byte[]> reader;
    private final String topic;

    public DeadLetters(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mosaic.topics.interactions-dlq", defaultValue = "mosaic.interactions.dlq")
                    String topic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "mosaic-gateway-dead-letters");
        this.reader = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    public record Letter(
            int partition,
            long offset,
            Instant at,
            String consumer,
            String tenant,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            String errorClass,
            String errorMessage) {}

    public record Page(String topic, long records, List<Letter> items) {}

    /** The newest {@code limit} letters, newest first; {@code records}: how many the topic holds (about: offsets). */
    public synchronized Page latest(int limit) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return new Page(topic, 0, List.of());
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        reader.assign(partitions);
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(5));
        Map<TopicPartition, Long> starts = reader.beginningOffsets(partitions, Duration.ofSeconds(5));
        long records = 0;
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long start = starts.get(partition);
            long end = ends.get(partition);
            records += end - start;
            reader.seek(partition, Math.max(start, end - limit));
            if (end > start) {
                remaining.put(partition, end);
            }
        }
        List<Letter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + READ_BUDGET.toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                letters.add(letter(record));
            }
            remaining.entrySet().removeIf(entry -> reader.position(entry.getKey()) >= entry.getValue());
        }
        letters.sort(
                Comparator.comparing(Letter::at).thenComparing(Letter::offset).reversed());
        return new Page(topic, records, letters.subList(0, Math.min(limit, letters.size())));
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> record) {
        String message = header(record, "dlq-error-message");
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        String originalPartition = header(record, "dlq-original-partition");
        String originalOffset = header(record, "dlq-original-offset");
        return new Letter(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                header(record, "dlq-consumer"),
                header(record, EventHeaders.TENANT),
                header(record, "dlq-original-topic"),
                originalPartition == null ? null : parseInt(originalPartition),
                originalOffset == null ? null : parseLong(originalOffset),
                header(record, "dlq-error-class"),
                message);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @PreDestroy
    synchronized void close() {
        reader.close(Duration.ofSeconds(2));
    }
}
