package io.mosaic.e2e;

import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, once per test run: Kafka and PostgreSQL in this JVM, the four packaged services each in its
 * own, configured only through their environment, as in production. Service logs: {@code target/e2e-logs/}.
 * Test classes use it with {@code @ExtendWith(Platform.class)}; it stops when the last test has run.
 */
final class Platform implements BeforeAllCallback, AutoCloseable {
    static final String ADMIN_KEY = "e2e-bootstrap-admin-key";

    private static MosaicServices services;

    /** The gateway's base URL. */
    static synchronized String gateway() {
        return services.gatewayUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (Platform.class) {
            if (services == null) {
                services = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Platform.class, this);
            }
        }
        RestAssured.baseURI = gateway();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static MosaicServices start() {
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String module : MosaicServices.MODULES) {
                ports.put(module, ServiceProcess.freePort());
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("MOSAIC_INTERNAL_TOKEN", "e2e-internal-token");
            settings.put("MOSAIC_GATEWAY_KEY_PEPPER", "e2e-pepper-of-enough-length");
            settings.put("MOSAIC_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
            settings.put("MOSAIC_TOPIC_PARTITIONS", "3");
            // webhook receivers of the tests listen on loopback, as with ./mosaic up
            settings.put("MOSAIC_DESTINATIONS_ALLOWED_RANGES", "127.0.0.0/8");
            return MosaicServices.start(
                    Path.of(System.getProperty("mosaic.root", "..")),
                    EmbeddedKafka.bootstrapServers(),
                    EmbeddedDatabase.jdbcUrl(),
                    ports,
                    settings,
                    Path.of("target", "e2e-logs"),
                    message -> System.out.println("[e2e] " + message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (Platform.class) {
            services.close();
            services = null;
        }
    }
}
