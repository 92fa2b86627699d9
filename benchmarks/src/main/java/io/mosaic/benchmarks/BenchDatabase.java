package io.mosaic.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmarks' PostgreSQL, from Maven Central jars, set up as a production server would be rather than as the
 * tests' one: commits are durable (fsync and synchronous commit on), and the shared buffers are large enough to
 * hold the working set. The tests' server skips fsync for speed; figures taken on it would flatter every write.
 */
final class BenchDatabase {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private static EmbeddedPostgres postgres;

    private BenchDatabase() {}

    static synchronized String jdbcUrl() {
        if (postgres == null) {
            postgres = start();
            Runtime.getRuntime().addShutdownHook(new Thread(BenchDatabase::stop, "bench-postgres-stop"));
        }
        return postgres.getJdbcUrl(USER, "postgres");
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /**
     * Loads every table and index of the schema into the shared buffers and returns the megabytes loaded. A
     * database that serves reads all day has its working set cached; one filled a minute ago has much of it only
     * in the operating system's file cache, which this machine's memory manager pages out once untouched for a
     * minute (DAMON), so the first reads would time the disk instead of the platform.
     */
    static long prewarm(String schema) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_prewarm");
            try (ResultSet pages = statement.executeQuery("select coalesce(sum(pg_prewarm(c.oid)), 0)"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = '" + schema + "' and c.relkind in ('r', 'i')")) {
                pages.next();
                return pages.getLong(1) * 8 / 1024;
            }
        }
    }

    /** MOSAIC_BENCH_DURABLE=false: fsync and synchronous commit off, as in the tests, to see what durability costs. */
    static boolean durable() {
        return !"false".equalsIgnoreCase(System.getenv("MOSAIC_BENCH_DURABLE"));
    }

    /** The settings that matter for the figures, for the report. */
    static String settings() {
        return durable()
                ? "1 GB of shared buffers, durable commits (fsync, synchronous commit) as in production"
                : "1 GB of shared buffers, fsync and synchronous commit OFF (MOSAIC_BENCH_DURABLE=false)";
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("shared_buffers", "1GB")
                    .setServerConfig("max_connections", "200");
            if (!durable()) {
                builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
            }
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("The benchmarks' PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("The benchmarks' PostgreSQL did not stop cleanly: " + e);
        }
    }
}
