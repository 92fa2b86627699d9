package io.mosaic.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Customers merged into another (table {@code customer_alias}): an alias id stands for its survivor. */
@ApplicationScoped
public class CustomerAliases {
    private final Jdbc jdbc;

    public CustomerAliases(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** alias id to survivor id, for those of the ids that were merged into another customer. */
    public Map<String, String> survivors(String tenant, Collection<String> customerIds) {
        return jdbc.queryMap(
                "select alias_id, survivor_id from customer_alias where tenant = ? and alias_id = any(?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, customerIds));
                },
                row -> row.getString(1),
                row -> row.getString(2));
    }

    /** Records that {@code absorbed} is {@code survivor}, and re-points what pointed at {@code absorbed}. */
    public void merge(String tenant, String absorbed, String survivor) {
        jdbc.update("update customer_alias set survivor_id = ? where tenant = ? and survivor_id = ?", statement -> {
            statement.setString(1, survivor);
            statement.setString(2, tenant);
            statement.setString(3, absorbed);
        });
        jdbc.update(
                "insert into customer_alias (tenant, alias_id, survivor_id) values (?, ?, ?)"
                        + " on conflict (tenant, alias_id) do update set survivor_id = excluded.survivor_id",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, absorbed);
                    statement.setString(3, survivor);
                });
    }

    /** The ids merged into {@code survivor}. */
    public List<String> aliasesOf(String tenant, String survivor) {
        return jdbc.query(
                "select alias_id from customer_alias where tenant = ? and survivor_id = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, survivor);
                },
                row -> row.getString(1));
    }

    /** Forgets the aliases of the customer and the customer as an alias. */
    public void forget(String tenant, String customerId) {
        jdbc.update("delete from customer_alias where tenant = ? and (alias_id = ? or survivor_id = ?)", statement -> {
            statement.setString(1, tenant);
            statement.setString(2, customerId);
            statement.setString(3, customerId);
        });
    }
}
