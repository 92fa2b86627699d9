package io.mosaic.segmentation.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.events.EventJson;
import io.mosaic.persistence.Jdbc;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Customers' aggregates and summaries, one row each, read and written in batches. */
@ApplicationScoped
public class CustomerStore {
    private static final ObjectMapper JSON = EventJson.mapper();

    private final Jdbc jdbc;

    public CustomerStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code summaryJson} is the summary already in JSON: it is written once and used for the outbox too. */
    public record Saved(String customerId, CustomerAggregate aggregate, String summaryJson, Instant nextCheckAt) {}

    /** The aggregates of these customers, locked for this transaction; sorted, so two batches never deadlock. */
    public Map<String, CustomerAggregate> lock(String tenant, Collection<String> customerIds) {
        return jdbc.queryMap(
                "select customer_id, aggregate from customer_state where tenant = ? and customer_id = any(?)"
                        + " order by customer_id for update",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, new TreeSet<>(customerIds)));
                },
                row -> row.getString(1),
                row -> read(row.getString(2)));
    }

    public void save(String tenant, Collection<Saved> customers, Instant now) {
        jdbc.batch(
                "insert into customer_state (tenant, customer_id, aggregate, summary, next_check_at, updated_at)"
                        + " values (?, ?, ?::jsonb, ?::jsonb, ?, ?) on conflict (tenant, customer_id) do update set"
                        + " aggregate = excluded.aggregate, summary = excluded.summary,"
                        + " next_check_at = excluded.next_check_at, updated_at = excluded.updated_at",
                customers.stream()
                        .sorted(java.util.Comparator.comparing(Saved::customerId))
                        .toList(),
                (statement, customer) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customer.customerId());
                    statement.setString(3, write(customer.aggregate()));
                    statement.setString(4, customer.summaryJson());
                    statement.setTimestamp(5, Jdbc.timestamp(customer.nextCheckAt()));
                    statement.setTimestamp(6, Jdbc.timestamp(now));
                });
    }

    public void delete(String tenant, Collection<String> customerIds) {
        jdbc.update("delete from customer_state where tenant = ? and customer_id = any(?)", statement -> {
            statement.setString(1, tenant);
            statement.setArray(2, Jdbc.textArray(statement, customerIds));
        });
    }

    /** Customers whose memberships time alone may change by {@code now}, oldest due first. */
    public List<Map.Entry<String, String>> due(Instant now, int limit) {
        return jdbc.query(
                "select tenant, customer_id from customer_state where next_check_at <= ? order by next_check_at limit ?",
                statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(now));
                    statement.setInt(2, limit);
                },
                row -> Map.entry(row.getString(1), row.getString(2)));
    }

    /** Moves these customers' next time check to {@code until}: their re-evaluation failed and is retried then. */
    public void postpone(String tenant, Collection<String> customerIds, Instant until) {
        jdbc.update(
                "update customer_state set next_check_at = ? where tenant = ? and customer_id = any(?)", statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(until));
                    statement.setString(2, tenant);
                    statement.setArray(3, Jdbc.textArray(statement, customerIds));
                });
    }

    /** Every customer id of a tenant after {@code after}, in pages: for backfills and tenant-wide re-evaluation. */
    public List<String> idsAfter(String tenant, String after, int limit) {
        return jdbc.query(
                "select customer_id from customer_state where tenant = ? and customer_id > ? order by customer_id limit ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, after);
                    statement.setInt(3, limit);
                },
                row -> row.getString(1));
    }

    public long count(String tenant) {
        return jdbc.query(
                        "select count(*) from customer_state where tenant = ?",
                        statement -> statement.setString(1, tenant),
                        row -> row.getLong(1))
                .get(0);
    }

    public void forEachAggregate(
            String tenant,
            Collection<String> customerIds,
            java.util.function.BiConsumer<String, CustomerAggregate> consumer) {
        jdbc.query(
                        "select customer_id, aggregate from customer_state where tenant = ? and customer_id = any(?)",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setArray(2, Jdbc.textArray(statement, customerIds));
                        },
                        row -> Map.entry(row.getString(1), read(row.getString(2))))
                .forEach(entry -> consumer.accept(entry.getKey(), entry.getValue()));
    }

    static CustomerAggregate read(String json) {
        try {
            return JSON.readValue(json, CustomerAggregate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        return io.mosaic.segmentation.segments.OutputPayloads.json(value);
    }
}
