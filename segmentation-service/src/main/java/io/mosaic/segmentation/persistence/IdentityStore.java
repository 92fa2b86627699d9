package io.mosaic.segmentation.persistence;

import io.mosaic.persistence.CustomerAliases;
import io.mosaic.persistence.ErasedCustomers;
import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Who a customer id stands for: merges (aliases), profiling consent, and erasures. */
@ApplicationScoped
public class IdentityStore {
    private final Jdbc jdbc;
    private final CustomerAliases aliases;
    private final ErasedCustomers erased;

    public IdentityStore(Jdbc jdbc, CustomerAliases aliases, ErasedCustomers erased) {
        this.jdbc = jdbc;
        this.aliases = aliases;
        this.erased = erased;
    }

    /** {@code clearedAt}: when profiling was last withdrawn, and the behavior before it cleared; or null. */
    public record Consent(boolean granted, Instant decidedAt, String eventId, Instant clearedAt) {}

    /** alias id to survivor id, for those of the ids that were merged into another customer. */
    public Map<String, String> survivors(String tenant, Collection<String> customerIds) {
        return aliases.survivors(tenant, customerIds);
    }

    public void merge(String tenant, String absorbed, String survivor) {
        aliases.merge(tenant, absorbed, survivor);
    }

    public java.util.List<String> aliasesOf(String tenant, String survivor) {
        return aliases.aliasesOf(tenant, survivor);
    }

    public Map<String, Consent> consents(String tenant, Collection<String> customerIds) {
        return jdbc.queryMap(
                "select customer_id, granted, decided_at, event_id, cleared_at from profiling_consent where tenant = ?"
                        + " and customer_id = any(?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, customerIds));
                },
                row -> row.getString(1),
                row -> new Consent(
                        row.getBoolean(2),
                        Jdbc.instant(row, "decided_at"),
                        row.getString(4),
                        Jdbc.instant(row, "cleared_at")));
    }

    public void saveConsent(String tenant, String customerId, Consent consent) {
        jdbc.update(
                "insert into profiling_consent (tenant, customer_id, granted, decided_at, event_id, cleared_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (tenant, customer_id) do update set"
                        + " granted = excluded.granted, decided_at = excluded.decided_at, event_id = excluded.event_id,"
                        + " cleared_at = coalesce(excluded.cleared_at, profiling_consent.cleared_at)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setBoolean(3, consent.granted());
                    statement.setTimestamp(4, Jdbc.timestamp(consent.decidedAt()));
                    statement.setString(5, consent.eventId());
                    statement.setTimestamp(6, Jdbc.timestamp(consent.clearedAt()));
                });
    }

    public Map<String, Instant> erasures(String tenant, Collection<String> customerHashes) {
        return erased.erasures(tenant, customerHashes);
    }

    /** Forgets everything about the customer but a hash of the id and when it was erased. */
    public void erase(String tenant, String customerId, String customerHash, Instant erasedAt) {
        erased.remember(tenant, customerHash, erasedAt);
        for (String table : new String[] {"profiling_consent", "customer_state"}) {
            jdbc.update("delete from " + table + " where tenant = ? and customer_id = ?", statement -> {
                statement.setString(1, tenant);
                statement.setString(2, customerId);
            });
        }
        aliases.forget(tenant, customerId);
    }
}
