package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/** Reads a stretch of one partition of {@code mosaic.interactions} for a replay, outside the task's own consumer. */
interface ReplayReader extends AutoCloseable {
    /** One record read. */
    record Entry(long offset, long timestamp, String key, byte[] value) {}

    /** The records read, and the offset to read from next. */
    record Batch(List<Entry> entries, long next) {}

    /** Up to {@code max} committed records from {@code from}, none at or past {@code until}. */
    Batch read(String topic, int partition, long from, long until, int max);

    /** The application's committed offset of the partition: where a task that processed nothing yet stands. */
    long committed(String topic, int partition);

    @Override
    void close();

    /** Opens a reader with the application's settings. */
    interface Factory {
        ReplayReader open(Map<String, Object> applicationConfigs);
    }

    /** The reader of a running application: a plain consumer, assigned (never subscribed), read committed. */
    Factory KAFKA = configs -> new KafkaReplayReader(configs);

    final class KafkaReplayReader implements ReplayReader {
        private final KafkaConsumer<String, byte[]> consumer;

        KafkaReplayReader(Map<String, Object> configs) {
            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
            // The application's group id, only to ask for its committed offsets: this consumer never joins the group.
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // from before retention: the oldest kept
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-replay");
            this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public Batch read(String topic, int partition, long from, long until, int max) {
            TopicPartition part = new TopicPartition(topic, partition);
            consumer.assign(Set.of(part));
            consumer.seek(part, from);
            List<Entry> entries = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(500)).records(part)) {
                if (record.offset() >= until || entries.size() >= max) {
                    break;
                }
                entries.add(new Entry(record.offset(), record.timestamp(), record.key(), record.value()));
            }
            long next = entries.isEmpty()
                    ? Math.max(from, consumer.position(part))
                    : entries.get(entries.size() - 1).offset() + 1;
            return new Batch(entries, Math.min(next, until));
        }

        @Override
        public long committed(String topic, int partition) {
            TopicPartition part = new TopicPartition(topic, partition);
            OffsetAndMetadata committed = consumer.committed(Set.of(part)).get(part);
            return committed == null ? 0 : committed.offset();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
