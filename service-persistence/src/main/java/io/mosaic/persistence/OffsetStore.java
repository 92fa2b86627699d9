package io.mosaic.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The next offset to apply per topic partition, kept with the state. Locking the rows first serialises two
 * instances that briefly both hold a partition during a rebalance: the second sees what the first applied.
 */
@ApplicationScoped
public class OffsetStore {
    private final Jdbc jdbc;

    public OffsetStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The records of a consumed batch that were not applied before, and the offsets to save once they are. */
    public record Unapplied(String topic, List<ConsumerRecord<String, byte[]>> records, Map<Integer, Long> next) {}

    /** Locks the batch's partitions and drops the records applied before this redelivery. */
    public Unapplied unapplied(List<ConsumerRecord<String, byte[]>> batch) {
        if (batch.isEmpty()) {
            return new Unapplied("", List.of(), Map.of());
        }
        String topic = batch.get(0).topic();
        Set<Integer> partitions = batch.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
        Map<Integer, Long> applied = lock(topic, partitions);
        List<ConsumerRecord<String, byte[]>> fresh = new ArrayList<>();
        Map<Integer, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (record.offset() >= applied.getOrDefault(record.partition(), 0L)) {
                fresh.add(record);
                next.merge(record.partition(), record.offset() + 1, Math::max);
            }
        }
        return new Unapplied(topic, fresh, next);
    }

    public void markApplied(Unapplied batch) {
        save(batch.topic(), batch.next());
    }

    /** Marks one record applied without applying it: it could not be processed and is in the DLQ. */
    public void skip(ConsumerRecord<String, byte[]> record) {
        markApplied(unapplied(List.of(record)));
    }

    public Map<Integer, Long> lock(String topic, Set<Integer> partitions) {
        jdbc.batch(
                "insert into applied_offset (topic, partition, next_offset) values (?, ?, 0) on conflict do nothing",
                partitions.stream().sorted().toList(),
                (statement, partition) -> {
                    statement.setString(1, topic);
                    statement.setInt(2, partition);
                });
        return jdbc.queryMap(
                "select partition, next_offset from applied_offset where topic = ? and partition = any(?)"
                        + " order by partition for update",
                statement -> {
                    statement.setString(1, topic);
                    statement.setArray(2, statement.getConnection().createArrayOf("integer", partitions.toArray()));
                },
                row -> row.getInt(1),
                row -> row.getLong(2));
    }

    /**
     * Locks every partition's row of the topic (creating those of {@code partitions} that are missing): a
     * consumer batch either committed before this transaction or runs after it.
     */
    public Map<Integer, Long> lockAll(String topic, int partitions) {
        lock(topic, IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        return jdbc.queryMap(
                "select partition, next_offset from applied_offset where topic = ? order by partition for update",
                statement -> statement.setString(1, topic),
                row -> row.getInt(1),
                row -> row.getLong(2));
    }

    public void save(String topic, Map<Integer, Long> nextOffsets) {
        jdbc.batch(
                "update applied_offset set next_offset = ? where topic = ? and partition = ?",
                nextOffsets.entrySet(),
                (statement, entry) -> {
                    statement.setLong(1, entry.getValue());
                    statement.setString(2, topic);
                    statement.setInt(3, entry.getKey());
                });
    }
}
