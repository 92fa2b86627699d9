package io.mosaic.testing;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/** Reads a topic from its beginning until records that a test expects have arrived. */
public final class TopicRecords {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TopicRecords() {}

    /** Waits until {@code count} records match and returns them, in topic order per partition. */
    public static List<ConsumerRecord<String, String>> await(
            KafkaCompanion kafka, String topic, int count, Predicate<ConsumerRecord<String, String>> matching) {
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withProp("isolation.level", "read_committed")
                .fromTopics(topic);
        try {
            Awaitility.await()
                    .atMost(TIMEOUT)
                    .until(() -> matches(task, matching).size() >= count);
            return matches(task, matching);
        } finally {
            task.stop();
        }
    }

    /** Every committed record of the topic up to its current end that matches, in topic order per partition. */
    public static List<ConsumerRecord<String, String>> toEnd(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, String>> matching) {
        java.util.Map<String, Object> settings = java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        var strings = new org.apache.kafka.common.serialization.StringDeserializer();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(settings, strings, strings)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> matched = new java.util.ArrayList<>();
            Awaitility.await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (matching.test(record)) {
                        matched.add(record);
                    }
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return matched;
        }
    }

    public static ConsumerRecord<String, String> awaitOne(
            KafkaCompanion kafka, String topic, Predicate<ConsumerRecord<String, String>> matching) {
        return await(kafka, topic, 1, matching).get(0);
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    public static Predicate<ConsumerRecord<String, String>> withHeader(String name, String value) {
        return record -> header(record, name).filter(value::equals).isPresent();
    }

    private static List<ConsumerRecord<String, String>> matches(
            ConsumerTask<String, String> task, Predicate<ConsumerRecord<String, String>> matching) {
        return task.getRecords().stream().filter(matching).toList();
    }
}
