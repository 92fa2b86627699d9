package io.mosaic.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What lies between a group's committed offset and the end of a partition: how many records, and the age of the
 * oldest, read by peeking at the record at the committed offset with a consumer of its own (not thread-safe: its
 * owner serializes the calls).
 *
 * <p>A peek is remembered per group and partition. While the committed offset stays where it was, the oldest
 * unread record is the same record, so its age is recomputed from the remembered timestamp instead of fetched
 * again on every refresh; a partition found to hold transaction markers only stays so while neither offset moves.
 */
final class UnreadRecords implements AutoCloseable {
    private static final Duration PEEK_TIMEOUT = Duration.ofSeconds(1);
    private static final int REMEMBERED_PEEKS = 4096;

    record Unread(long records, double ageSeconds) {}

    private record Key(String group, TopicPartition partition) {}

    /** The oldest unread record's timestamp, or null when only transaction markers lay before the end. */
    private record Peek(long committed, long end, Long oldestTimestamp) {
        boolean stillHolds(long committedNow, long endNow) {
            return committed == committedNow && (oldestTimestamp != null || end == endNow);
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
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // A fetch still waiting at the broker delays the next peek's fetch to the same broker: keep them short.
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "mosaic-gateway-lag");
        this.peeker = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clock = clock;
    }

    Unread between(String group, TopicPartition partition, long committed, long end) {
        if (end <= committed) {
            return new Unread(0, 0);
        }
        Key key = new Key(group, partition);
        Peek peek = peeks.get(key);
        if (peek == null || !peek.stillHolds(committed, end)) {
            peek = peek(partition, committed, end);
            if (peek == null) {
                peeks.remove(key);
                return new Unread(end - committed, 0); // the fetch was slow: the offset difference is all we know
            }
            peeks.put(key, peek);
        }
        if (peek.oldestTimestamp() == null) {
            return new Unread(0, 0); // the consumer skipped what was left: transaction markers only
        }
        return new Unread(end - committed, Math.max(0, clock.millis() - peek.oldestTimestamp()) / 1000.0);
    }

    /** Null when the broker did not answer within the peek timeout. */
    private Peek peek(TopicPartition partition, long committed, long end) {
        peeker.assign(List.of(partition));
        peeker.seek(partition, committed);
        long deadline = System.nanoTime() + PEEK_TIMEOUT.toNanos();
        do {
            for (ConsumerRecord<byte[], byte[]> record :
                    peeker.poll(Duration.ofMillis(100)).records(partition)) {
                return new Peek(committed, end, record.timestamp());
            }
            if (peeker.position(partition) >= end) {
                return new Peek(committed, end, null);
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(2));
    }
}
