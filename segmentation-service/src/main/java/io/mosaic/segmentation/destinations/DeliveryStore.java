package io.mosaic.segmentation.destinations;

import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery queue and log in PostgreSQL, on hand-written SQL (it is the hot path of every change). A customer's
 * deliveries to one destination go one at a time in the order they were owed: only the oldest pending one of a
 * customer can be claimed. A claim is a lease, so instances share the queue and a crashed one's claims run out.
 */
@ApplicationScoped
public class DeliveryStore {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    private final Jdbc jdbc;

    public DeliveryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record NewDelivery(UUID id, UUID destination, String source, String customerId, byte[] body) {}

    public record Claimed(UUID id, String customerId, byte[] body, int attempts, Instant createdAt) {}

    public record Logged(
            UUID id,
            String customerId,
            byte[] body,
            String status,
            int attempts,
            Integer lastStatus,
            Integer lastLatencyMs,
            String lastError,
            Instant nextAttemptAt,
            Instant createdAt,
            Instant doneAt) {}

    public record Backlog(long pending, double oldestSeconds) {}

    /** Owed once per destination and source record: a batch read again adds nothing. */
    public void enqueue(Collection<NewDelivery> deliveries, Instant now) {
        jdbc.batch(
                "INSERT INTO delivery (id, destination_id, source, customer_id, body, status, next_attempt_at,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)"
                        + " ON CONFLICT (destination_id, source) DO NOTHING",
                deliveries,
                (statement, delivery) -> {
                    statement.setObject(1, delivery.id());
                    statement.setObject(2, delivery.destination());
                    statement.setString(3, delivery.source());
                    statement.setString(4, delivery.customerId());
                    statement.setBytes(5, delivery.body());
                    statement.setTimestamp(6, Jdbc.timestamp(now));
                    statement.setTimestamp(7, Jdbc.timestamp(now));
                });
    }

    /** Destinations with a delivery due now and not held by a sender. */
    public List<UUID> dueDestinations(Instant now) {
        return jdbc.query(
                "SELECT DISTINCT destination_id FROM delivery WHERE status = 'pending' AND next_attempt_at <= ?"
                        + " AND (claimed_until IS NULL OR claimed_until < ?)",
                statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(now));
                    statement.setTimestamp(2, Jdbc.timestamp(now));
                },
                row -> row.getObject(1, UUID.class));
    }

    /** Up to {@code limit} due deliveries of the destination, each the oldest pending one of its customer. */
    public List<Claimed> claim(UUID destination, int limit, Instant now, Duration lease) {
        return jdbc.query(
                "UPDATE delivery SET claimed_until = ? WHERE id IN (SELECT d.id FROM delivery d"
                        + " WHERE d.destination_id = ? AND d.status = 'pending' AND d.next_attempt_at <= ?"
                        + " AND (d.claimed_until IS NULL OR d.claimed_until < ?)"
                        + " AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.destination_id = d.destination_id"
                        + " AND e.customer_id = d.customer_id AND e.status = 'pending' AND e.seq < d.seq)"
                        + " ORDER BY d.seq LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, customer_id, body, attempts, created_at, seq",
                statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(now.plus(lease)));
                    statement.setObject(2, destination);
                    statement.setTimestamp(3, Jdbc.timestamp(now));
                    statement.setTimestamp(4, Jdbc.timestamp(now));
                    statement.setInt(5, limit);
                },
                row -> new Claimed(
                        row.getObject("id", UUID.class),
                        row.getString("customer_id"),
                        row.getBytes("body"),
                        row.getInt("attempts"),
                        Jdbc.instant(row, "created_at")));
    }

    /** One attempt's outcome: {@code status} is the next state, {@code nextAttempt} when it stays pending. */
    public void attempted(
            UUID id, String status, Integer httpStatus, int latencyMs, String error, Instant nextAttempt, Instant now) {
        jdbc.update(
                "UPDATE delivery SET status = ?, attempts = attempts + 1, last_status = ?, last_latency_ms = ?,"
                        + " last_error = ?, next_attempt_at = ?, claimed_until = NULL, done_at = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, status);
                    statement.setObject(2, httpStatus);
                    statement.setInt(3, latencyMs);
                    statement.setString(4, error);
                    statement.setTimestamp(5, Jdbc.timestamp(nextAttempt == null ? now : nextAttempt));
                    statement.setTimestamp(6, status.equals(PENDING) ? null : Jdbc.timestamp(now));
                    statement.setObject(7, id);
                });
    }

    /** The destination's latest deliveries, newest first. */
    public List<Logged> recent(UUID destination, int limit) {
        return jdbc.query(
                "SELECT id, customer_id, body, status, attempts, last_status, last_latency_ms, last_error,"
                        + " next_attempt_at, created_at, done_at FROM delivery WHERE destination_id = ?"
                        + " ORDER BY created_at DESC, seq DESC LIMIT ?",
                statement -> {
                    statement.setObject(1, destination);
                    statement.setInt(2, limit);
                },
                row -> new Logged(
                        row.getObject("id", UUID.class),
                        row.getString("customer_id"),
                        row.getBytes("body"),
                        row.getString("status"),
                        row.getInt("attempts"),
                        (Integer) row.getObject("last_status"),
                        (Integer) row.getObject("last_latency_ms"),
                        row.getString("last_error"),
                        Jdbc.instant(row, "next_attempt_at"),
                        Jdbc.instant(row, "created_at"),
                        Jdbc.instant(row, "done_at")));
    }

    /** Dead-lettered deliveries become due again, with a fresh retry window; answers how many. */
    public int replayDead(UUID destination, Instant now) {
        return jdbc.update(
                "UPDATE delivery SET status = 'pending', next_attempt_at = ?, created_at = ?, done_at = NULL"
                        + " WHERE destination_id = ? AND status = 'dead'",
                statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(now));
                    statement.setTimestamp(2, Jdbc.timestamp(now));
                    statement.setObject(3, destination);
                });
    }

    /** Per destination with anything pending: how much, and the age of the oldest. */
    public Map<UUID, Backlog> backlogs(Instant now) {
        return jdbc.queryMap(
                "SELECT destination_id, count(*) AS pending, min(created_at) AS oldest FROM delivery"
                        + " WHERE status = 'pending' GROUP BY destination_id",
                statement -> {},
                row -> row.getObject("destination_id", UUID.class),
                row -> new Backlog(
                        row.getLong("pending"),
                        Duration.between(Jdbc.instant(row, "oldest"), now).toMillis() / 1000.0));
    }
}
