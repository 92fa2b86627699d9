package io.mosaic.gateway.keys;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code api_key} table. */
@ApplicationScoped
public class ApiKeyStore {
    private static final String COLUMNS = "id, tenant, name, scopes, key_hash, created_at, revoked_at";

    private final AgroalDataSource dataSource;

    public ApiKeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored key; {@code keyHash} never leaves the gateway. */
    public record StoredKey(
            String id,
            String tenant,
            String name,
            Set<Scope> scopes,
            byte[] keyHash,
            Instant createdAt,
            Instant revokedAt) {}

    public void insert(StoredKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into api_key (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, null)")) {
            insert.setString(1, key.id());
            insert.setString(2, key.tenant());
            insert.setString(3, key.name());
            insert.setArray(
                    4,
                    connection.createArrayOf(
                            "text", key.scopes().stream().map(Scope::wireName).toArray()));
            insert.setBytes(5, key.keyHash());
            insert.setTimestamp(6, Timestamp.from(key.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the key", e);
        }
    }

    public Optional<StoredKey> find(String id) {
        List<StoredKey> keys = query("select " + COLUMNS + " from api_key where id = ?", id);
        return keys.stream().findFirst();
    }

    /** Keys of a tenant, or of every tenant when {@code tenant} is null; newest first. */
    public List<StoredKey> list(String tenant) {
        return tenant == null
                ? query("select " + COLUMNS + " from api_key order by created_at desc")
                : query("select " + COLUMNS + " from api_key where tenant = ? order by created_at desc", tenant);
    }

    public boolean revoke(String id, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update api_key set revoked_at = ? where id = ? and revoked_at is null")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke the key", e);
        }
    }

    private List<StoredKey> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<StoredKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read keys", e);
        }
    }

    private static StoredKey read(ResultSet row) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream((String[]) row.getArray("scopes").getArray())
                .forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new StoredKey(
                row.getString("id"),
                row.getString("tenant"),
                row.getString("name"),
                scopes,
                row.getBytes("key_hash"),
                row.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
