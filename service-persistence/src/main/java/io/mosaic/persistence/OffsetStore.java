package io.mosaic.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
