package io.mosaic.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Erased customers (table {@code erased_customer}), remembered by a hash of the id only, so that a replay of the
 * log does not bring them back and nothing personal is kept.
 */
@ApplicationScoped
public class ErasedCustomers {
    private final Jdbc jdbc;

    public ErasedCustomers(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** customer hash ({@link CustomerHash}) to when it was erased, for those of the hashes that were. */
    public Map<String, Instant> erasures(String tenant, Collection<String> customerHashes) {
        return jdbc.queryMap(
                "select customer_hash, erased_at from erased_customer where tenant = ? and customer_hash = any(?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, customerHashes));
                },
                row -> row.getString(1),
                row -> Jdbc.instant(row, "erased_at"));
    }

    public void remember(String tenant, String customerHash, Instant erasedAt) {
        jdbc.update(
                "insert into erased_customer (tenant, customer_hash, erased_at) values (?, ?, ?)"
                        + " on conflict (tenant, customer_hash) do update set erased_at = greatest(erased_customer.erased_at, excluded.erased_at)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerHash);
                    statement.setTimestamp(3, Jdbc.timestamp(erasedAt));
                });
    }
}
