package io.mosaic.profile.persistence;

import io.mosaic.events.EventJson;
import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.traits.LwwFields;
import io.mosaic.profile.traits.TraitFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code profile} rows: traits, consent, first and last seen, version. */
@ApplicationScoped
public class ProfileStore {
    private static final String COLUMNS =
            "customer_id, traits, consent, first_seen_at, last_seen_at, updated_at, version";

    private final Jdbc jdbc;

    public ProfileStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored profiles of these customers, locked until the transaction ends. */
    public Map<String, ProfileRow> lock(String tenant, Collection<String> customerIds) {
        return jdbc.queryMap(
                "select " + COLUMNS + " from profile where tenant = ? and customer_id = any(?)"
                        + " order by customer_id for update",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, customerIds));
                },
                row -> row.getString(1),
                ProfileStore::read);
    }

    public Optional<ProfileRow> find(String tenant, String customerId) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from profile where tenant = ? and customer_id = ?",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setString(2, customerId);
                        },
                        ProfileStore::read)
                .stream()
                .findFirst();
    }

    public Map<String, Instant> firstSeen(String tenant, Collection<String> customerIds) {
        return jdbc.queryMap(
                "select customer_id, first_seen_at from profile where tenant = ? and customer_id = any(?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(2, Jdbc.textArray(statement, customerIds));
                },
                row -> row.getString(1),
                row -> Jdbc.instant(row, "first_seen_at"));
    }

    public void save(String tenant, Collection<ProfileRow> profiles) {
        jdbc.batch(
                "insert into profile (tenant, " + COLUMNS
                        + ", traits_view) values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?,"
                        + " ?::jsonb) on conflict (tenant, customer_id) do update set traits = excluded.traits,"
                        + " traits_view = excluded.traits_view,"
                        + " consent = excluded.consent, first_seen_at = excluded.first_seen_at,"
                        + " last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at,"
                        + " version = excluded.version",
                profiles,
                (statement, profile) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, profile.customerId);
                    statement.setObject(3, profile.traits.toJson().toString(), Types.OTHER);
                    statement.setObject(4, profile.consent.toJson().toString(), Types.OTHER);
                    statement.setTimestamp(5, Jdbc.timestamp(profile.firstSeenAt));
                    statement.setTimestamp(6, Jdbc.timestamp(profile.lastSeenAt));
                    statement.setTimestamp(7, Jdbc.timestamp(profile.updatedAt));
                    statement.setLong(8, profile.version);
                    statement.setObject(9, TraitFacts.nested(profile.traits).toString(), Types.OTHER);
                });
    }

    /** A new version of each profile whose behavior or segments changed, so readers see the view changed. */
    public void touch(String tenant, Collection<String> customerIds, Instant at) {
        jdbc.batch(
                "update profile set version = version + 1, updated_at = greatest(updated_at, ?)"
                        + " where tenant = ? and customer_id = ?",
                customerIds,
                (statement, customerId) -> {
                    statement.setTimestamp(1, Jdbc.timestamp(at));
                    statement.setString(2, tenant);
                    statement.setString(3, customerId);
                });
    }

    public void delete(String tenant, List<String> customerIds) {
        jdbc.update("delete from profile where tenant = ? and customer_id = any(?)", statement -> {
            statement.setString(1, tenant);
            statement.setArray(2, Jdbc.textArray(statement, customerIds));
        });
    }

    private static ProfileRow read(ResultSet row) throws SQLException {
        try {
            return new ProfileRow(
                    row.getString("customer_id"),
                    LwwFields.fromJson(EventJson.mapper().readTree(row.getString("traits"))),
                    LwwFields.fromJson(EventJson.mapper().readTree(row.getString("consent"))),
                    Jdbc.instant(row, "first_seen_at"),
                    Jdbc.instant(row, "last_seen_at"),
                    Jdbc.instant(row, "updated_at"),
                    row.getLong("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
