package io.mosaic.reliability;

import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import io.mosaic.testing.StandaloneKafka;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, once per test run, with parts a test can break: a Kafka broker and a PostgreSQL server that
 * stop and start again on the same ports and data (as a restarted pod would), and the four packaged services, each
 * in its own JVM, which a test can kill, restart or run twice. Data and logs under {@code target/reliability/}.
 */
final class Platform implements BeforeAllCallback, AutoCloseable {
    static final String ADMIN_KEY = "reliability-admin-key";
    static final String INTERNAL_TOKEN = "reliability-internal-token";
    static final String PEPPER = "reliability-pepper-of-enough-length";
    static final Path DATA = Path.of("target", "reliability");
    static final int PARTITIONS = 3;

    private static Platform current;

    private final int kafkaPort;
    private final int controllerPort;
    private final int postgresPort;
    private StandaloneKafka kafka;
    private EmbeddedPostgres postgres;
    private MosaicServices services;

    private Platform() throws IOException {
        this.kafkaPort = ServiceProcess.freePort();
        this.controllerPort = ServiceProcess.freePort();
        this.postgresPort = ServiceProcess.freePort();
    }

    static synchronized Platform get() {
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Platform.class) {
            if (current == null) {
                Platform platform = new Platform();
                platform.start();
                current = platform;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Platform.class, platform);
            }
        }
        RestAssured.baseURI = current.services.gatewayUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private void start() throws Exception {
        deleteRecursively(DATA);
        Files.createDirectories(DATA);
        startDatabase();
        startKafka();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String module : MosaicServices.MODULES) {
            ports.put(module, ServiceProcess.freePort());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MOSAIC_INTERNAL_TOKEN", INTERNAL_TOKEN);
        settings.put("MOSAIC_GATEWAY_KEY_PEPPER", PEPPER);
        settings.put("MOSAIC_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        settings.put("MOSAIC_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        // RFM quintiles are recomputed on a timer; often, so that two tenants' scores settle soon after their events.
        settings.put("MOSAIC_SEGMENTATION_RFM_INTERVAL", "2s");
        // Buyers are re-scored by the time check once the cuts move: every second, so that a state read as settled
        // (two reads two seconds apart agree) has seen the re-scoring; at the default 15 s two reads could agree
        // while some buyers still waited for their score (seen once: 130 scored before a rebuild, 140 after).
        settings.put("MOSAIC_SEGMENTATION_TIME_CHECK_INTERVAL", "1s");
        // The rate limiter has its own tests; here it would only slow the fuzzing down.
        settings.put("MOSAIC_RATE_LIMIT_RATE", "100000");
        settings.put("MOSAIC_RATE_LIMIT_BURST", "100000");
        // Likewise the limit on refused keys per address: the hostile tests send many from one address on purpose.
        settings.put("MOSAIC_FAILED_KEYS_BURST", "100000");
        services = MosaicServices.start(
                Path.of(System.getProperty("mosaic.root", "..")),
                bootstrapServers(),
                jdbcUrl(),
                ports,
                settings,
                DATA.resolve("logs"),
                message -> System.out.println("[reliability] " + message));
    }

    MosaicServices services() {
        return services;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
    }

    /** Stops the broker as a restarted pod would (controlled shutdown); its log stays. */
    synchronized void stopKafka() {
        kafka.close();
        kafka = null;
    }

    synchronized void startKafka() throws Exception {
        kafka = StandaloneKafka.start(DATA, kafkaPort, controllerPort);
    }

    /** Stops PostgreSQL (fast shutdown: open connections are cut); its data stays. */
    synchronized void stopDatabase() throws IOException {
        postgres.close();
        postgres = null;
    }

    synchronized void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(DATA.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "200")
                .start();
    }

    @Override
    public void close() throws Exception {
        synchronized (Platform.class) {
            Report.write();
            services.close();
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            current = null;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
