package io.mosaic.gateway;

import io.mosaic.testing.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A stand-in for the profile service's view {@code profile.profile_read} in the embedded database: a table with
 * the view's columns that a test fills. The real view is tested end to end.
 */
final class ProfileReadModel {
    private ProfileReadModel() {}

    static void create() throws SQLException {
        execute("create schema if not exists profile");
        execute("create table if not exists profile.profile_read"
                + " (tenant text, kind text, value text, customer_id text, document text)");
    }

    static void store(String tenant, String kind, String value, String customerId, String document)
            throws SQLException {
        try (Connection connection = connect();
                PreparedStatement insert =
                        connection.prepareStatement("insert into profile.profile_read values (?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, kind);
            insert.setString(3, value);
            insert.setString(4, customerId);
            insert.setString(5, document);
            insert.executeUpdate();
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute(sql);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                EmbeddedDatabase.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }
}
