package io.mosaic.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What lies between a group's committed offsets and the ends of its partitions: how many records, and the age of
 * the oldest, read by peeking at the record at each committed offset with a consumer of its own (not thread-safe:
 * its owner serializes the calls).
 *
 * <p>A group's partitions are peeked together, in one fetch of the first record batch of each (not the default
 * megabyte per partition: the pipeline's groups are read while they are busy, and a peek must stay cheap). A peek
 * is remembered per group and partition. While the committed offset stays where it was, the oldest unread record
 * is the same record, so its age is recomputed from the remembered timestamp instead of fetched again on every
 * refresh; a partition found to hold transaction markers only stays so while neither offset moves.
 */
final class UnreadRecords implements AutoCloseable {
    private static final Duration PEEK_TIMEOUT = Duration.ofSeconds(1);
    private static final int REMEMBERED_PEEKS = 4096;

    record Unread(long records, double ageSeconds) {}

    /** The records a group has not read on one partition: from its committed offset to the end. */
    record Range(long committed, long end) {}

    private record Key(String group, TopicPartition partition) {}

    /** The oldest unread record's timestamp, or null when only transaction markers lay before the end. */
    private record Peek(long committed, long end, Long oldestTimestamp) {
        boolean stillHolds(Range range) {
            return committed == range.committed() && (oldestTimestamp != null || end == range.end());
        }
    }

    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;
    private final Map<Key, Peek> peeks = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Peek> eldest) {
            return size() > REMEMBERED_PEEKS;
        }
    };

    UnreadRecords(Map<String, Object> settings, Clock clock) {
        Map<String, Object> consumer = new HashMap<>(settings);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The broker still answers with one whole batch per partition; no more is read, decompressed or checked.
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1);
        consumer.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
        // A fetch still waiting at the broker delays the next peek's fetch to the same broker: keep them short.
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "mosaic-gateway-lag");
        this.peeker = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clock = clock;
    }

    /** Per partition of {@code group}, what lies in its range. */
    Map<TopicPartition, Unread> between(String group, Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, Range> toPeek = new HashMap<>();
        ranges.forEach((partition, range) -> {
            Peek remembered = peeks.get(new Key(group, partition));
            if (range.end() > range.committed() && (remembered == null || !remembered.stillHolds(range))) {
                toPeek.put(partition, range);
            }
        });
        Map<TopicPartition, Peek> fresh = peek(toPeek);
        Map<TopicPartition, Unread> unread = new HashMap<>();
        ranges.forEach((partition, range) -> {
            Key key = new Key(group, partition);
            if (range.end() <= range.committed()) {
                unread.put(partition, new Unread(0, 0));
                return;
            }
            if (toPeek.containsKey(partition)) {
                Peek peek = fresh.get(partition);
                if (peek == null) {
                    peeks.remove(key); // the fetch was slow: the offset difference is all we know
                    unread.put(partition, new Unread(range.end() - range.committed(), 0));
                    return;
                }
                peeks.put(key, peek);
            }
            unread.put(partition, unreadOf(peeks.get(key), range));
        });
        return unread;
    }

    private Unread unreadOf(Peek peek, Range range) {
        if (peek.oldestTimestamp() == null) {
            return new Unread(0, 0); // the consumer skipped what was left: transaction markers only
        }
        long records = range.end() - range.committed();
        return new Unread(records, Math.max(0, clock.millis() - peek.oldestTimestamp()) / 1000.0);
    }

    /** The first record of each range; a partition the broker did not answer for within the timeout is missing. */
    private Map<TopicPartition, Peek> peek(Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, Peek> found = new HashMap<>();
        if (ranges.isEmpty()) {
            return found;
        }
        peeker.assign(ranges.keySet());
        ranges.forEach((partition, range) -> peeker.seek(partition, range.committed()));
        long deadline = System.nanoTime() + PEEK_TIMEOUT.toNanos();
        do {
            ConsumerRecords<byte[], byte[]> polled = peeker.poll(Duration.ofMillis(100));
            ranges.forEach((partition, range) -> {
                if (found.containsKey(partition)) {
                    return;
                }
                List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
                if (!records.isEmpty()) {
                    found.put(
                            partition,
                            new Peek(
                                    range.committed(),
                                    range.end(),
                                    records.get(0).timestamp()));
                } else if (peeker.position(partition) >= range.end()) {
                    found.put(partition, new Peek(range.committed(), range.end(), null));
                }
            });
            peeker.pause(found.keySet()); // what is left in their buffers is not needed
        } while (found.size() < ranges.size() && System.nanoTime() < deadline);
        peeker.assign(List.of());
        return found;
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(2));
    }
}
