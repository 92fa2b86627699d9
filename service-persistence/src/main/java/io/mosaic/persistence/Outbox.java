package io.mosaic.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Records to publish, written in the transaction that decided them; the relay sends them in order. */
@ApplicationScoped
public class Outbox {
    private final Jdbc jdbc;

    public Outbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code payload} null is a tombstone (a compacted topic forgets the key). */
    public record Entry(long id, String topic, String key, byte[] payload) {}

    public void add(Collection<Entry> entries) {
        jdbc.batch("insert into outbox (topic, record_key, payload) values (?, ?, ?)", entries, (statement, entry) -> {
            statement.setString(1, entry.topic());
            statement.setString(2, entry.key());
            statement.setBytes(3, entry.payload());
        });
    }

    /** The oldest entries, locked so that a second relay skips them. */
    public List<Entry> lockOldest(int limit) {
        return jdbc.query(
                "select id, topic, record_key, payload from outbox order by id limit ? for update skip locked",
                statement -> statement.setInt(1, limit),
                row -> new Entry(row.getLong(1), row.getString(2), row.getString(3), row.getBytes(4)));
    }

    public void delete(List<Entry> entries) {
        jdbc.update(
                "delete from outbox where id = any(?)",
                statement -> statement.setArray(
                        1,
                        statement
                                .getConnection()
                                .createArrayOf(
                                        "bigint",
                                        entries.stream().map(Entry::id).toArray())));
    }
}
