package io.mosaic.profile.persistence;

import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Recent interactions per customer ({@code timeline_entry}), newest first by (occurredAt, eventId). */
@ApplicationScoped
public class TimelineStore {
    private final Jdbc jdbc;

    public TimelineStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code originId}: the customer id the event named (an id merged into {@code customerId} since). */
    public record Entry(
            String customerId,
            Instant occurredAt,
            String eventId,
            String originId,
            String type,
            String channel,
            String source,
            String propertiesJson) {}

    /** Where a page ends: the next page starts after this entry. */
    public record Position(Instant occurredAt, String eventId) {}

    public void add(String tenant, Collection<Entry> entries) {
        jdbc.batch(
                "insert into timeline_entry (tenant, customer_id, occurred_at, event_id, origin_id, type, channel,"
                        + " source, properties) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing",
                entries,
                (statement, entry) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, entry.customerId());
                    statement.setTimestamp(3, Jdbc.timestamp(entry.occurredAt()));
                    statement.setString(4, entry.eventId());
                    statement.setString(5, entry.originId());
                    statement.setString(6, entry.type());
                    statement.setString(7, entry.channel());
                    statement.setString(8, entry.source());
                    statement.setObject(9, entry.propertiesJson(), Types.OTHER);
                });
    }

    /** Keeps the newest {@code max} entries of each customer. */
    public void trim(String tenant, Collection<String> customerIds, int max) {
        jdbc.batch(
                "delete from timeline_entry where tenant = ? and customer_id = ? and (occurred_at, event_id) <="
                        + " (select occurred_at, event_id from timeline_entry where tenant = ? and customer_id = ?"
                        + " order by occurred_at desc, event_id desc offset ? limit 1)",
                customerIds,
                (statement, customerId) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setString(3, tenant);
                    statement.setString(4, customerId);
                    statement.setInt(5, max);
                });
    }

    /** Moves the entries of a customer merged away to the survivor. */
    public void move(String tenant, String from, String to) {
        jdbc.update(
                "insert into timeline_entry (tenant, customer_id, occurred_at, event_id, origin_id, type, channel,"
                        + " source, properties) select tenant, ?, occurred_at, event_id, origin_id, type, channel,"
                        + " source, properties from timeline_entry where tenant = ? and customer_id = ?"
                        + " on conflict do nothing",
                statement -> {
                    statement.setString(1, to);
                    statement.setString(2, tenant);
                    statement.setString(3, from);
                });
        delete(tenant, List.of(from));
    }

    /** Entries older than {@code before} (or the newest when null), newest first. */
    public List<Entry> page(String tenant, String customerId, Position before, int limit) {
        Instant beforeAt = before == null ? Instant.parse("9999-12-31T23:59:59Z") : before.occurredAt();
        String beforeId = before == null ? "" : before.eventId();
        return jdbc.query(
                "select occurred_at, event_id, origin_id, type, channel, source, properties from timeline_entry"
                        + " where tenant = ? and customer_id = ? and (occurred_at, event_id) < (?, ?)"
                        + " order by occurred_at desc, event_id desc limit ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setTimestamp(3, Jdbc.timestamp(beforeAt));
                    statement.setString(4, beforeId);
                    statement.setInt(5, limit);
                },
                row -> new Entry(
                        customerId,
                        Jdbc.instant(row, "occurred_at"),
                        row.getString("event_id"),
                        row.getString("origin_id"),
                        row.getString("type"),
                        row.getString("channel"),
                        row.getString("source"),
                        row.getString("properties")));
    }

    public void delete(String tenant, Collection<String> customerIds) {
        jdbc.update("delete from timeline_entry where tenant = ? and customer_id = any(?)", statement -> {
            statement.setString(1, tenant);
            statement.setArray(2, Jdbc.textArray(statement, customerIds));
        });
    }
}
