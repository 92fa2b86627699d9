package io.mosaic.profile.persistence;

import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.identity.IdentifierKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Identifiers as customer ids presented them ({@code identifier}); merges resolve the ids through aliases. */
@ApplicationScoped
public class IdentifierStore {
    private final Jdbc jdbc;

    public IdentifierStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** An identifier as one customer id presented it. */
    public record Presented(IdentifierKey key, String customerId, Instant firstSeenAt) {}

    /** Records what is new and answers it: the identifiers a customer id presents for the first time. */
    public Set<Presented> add(String tenant, Collection<Presented> identifiers) {
        if (identifiers.isEmpty()) {
            return Set.of();
        }
        List<Presented> rows = List.copyOf(identifiers);
        lockValues(tenant, rows);
        Set<Presented> added = new HashSet<>();
        jdbc.query(
                "insert into identifier (tenant, kind, value, customer_id, first_seen_at)"
                        + " select ?, kind, value, customer_id, seen::timestamptz from unnest(?, ?, ?, ?)"
                        + " as new (kind, value, customer_id, seen) on conflict do nothing returning kind, value, customer_id",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(
                            2,
                            Jdbc.textArray(
                                    statement, column(rows, p -> p.key().kind().wireName())));
                    statement.setArray(
                            3,
                            Jdbc.textArray(statement, column(rows, p -> p.key().value())));
                    statement.setArray(4, Jdbc.textArray(statement, column(rows, Presented::customerId)));
                    statement.setArray(
                            5,
                            Jdbc.textArray(
                                    statement, column(rows, p -> p.firstSeenAt().toString())));
                },
                row -> {
                    IdentifierKey key =
                            new IdentifierKey(IdentifierKey.Kind.fromWireName(row.getString(1)), row.getString(2));
                    String customerId = row.getString(3);
                    rows.stream()
                            .filter(p -> p.key().equals(key) && p.customerId().equals(customerId))
                            .findFirst()
                            .ifPresent(added::add);
                    return null;
                });
        return added;
    }

    private static List<String> column(List<Presented> rows, java.util.function.Function<Presented, String> value) {
        return rows.stream().map(value).toList();
    }

    /** Every customer id that presented the identifier: a single index range. */
    public List<Presented> holders(String tenant, IdentifierKey key) {
        return jdbc.query(
                "select customer_id, first_seen_at from identifier where tenant = ? and kind = ? and value = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, key.kind().wireName());
                    statement.setString(3, key.value());
                },
                row -> new Presented(key, row.getString(1), Jdbc.instant(row, "first_seen_at")));
    }

    /**
     * Serialises the transactions that present the same identifier value, until they commit: each then sees the
     * others' claims when it looks for other holders. Without it, two customers presenting one email at the same
     * moment from two partitions (two consumer instances) each saw only itself, and the merge was never decided.
     * Locks are taken in one order (sorted), so two batches never wait for each other in a circle.
     */
    private void lockValues(String tenant, List<Presented> rows) {
        Long[] locks = rows.stream()
                .map(p -> lockOf(tenant, p.key()))
                .distinct()
                .sorted()
                .toArray(Long[]::new);
        jdbc.query(
                "select pg_advisory_xact_lock(id) from unnest(?::bigint[]) as locks (id)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", locks)),
                row -> null);
    }

    private static long lockOf(String tenant, IdentifierKey key) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((tenant + '\n' + key.kind().wireName() + '\n' + key.value())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return java.nio.ByteBuffer.wrap(digest).getLong();
    }

    public void delete(String tenant, Collection<String> customerIds) {
        jdbc.update("delete from identifier where tenant = ? and customer_id = any(?)", statement -> {
            statement.setString(1, tenant);
            statement.setArray(2, Jdbc.textArray(statement, customerIds));
        });
    }
}
