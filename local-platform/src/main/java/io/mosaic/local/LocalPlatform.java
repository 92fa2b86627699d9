package io.mosaic.local;

import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.StandaloneKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./mosaic up}: an embedded Kafka and PostgreSQL whose data stays under {@code .mosaic/}, then the four
 * services as their packaged jars, each in its own JVM; waits until all are ready and prints the gateway URL and
 * the admin key. Ctrl-C stops everything.
 */
public final class LocalPlatform {
    private static final int KAFKA = env("MOSAIC_KAFKA_PORT", 9092);
    private static final int KAFKA_CONTROLLER = env("MOSAIC_KAFKA_CONTROLLER_PORT", 9093);
    private static final int POSTGRES = env("MOSAIC_POSTGRES_PORT", 5433);
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("ingestion-service", env("INGESTION_PORT", 8081));
        SERVICES.put("profile-service", env("PROFILE_PORT", 8082));
        SERVICES.put("segmentation-service", env("SEGMENTATION_PORT", 8083));
        SERVICES.put("api-gateway", env("GATEWAY_PORT", 8080));
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (IllegalStateException | IOException e) {
            System.err.println("\nMosaic could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path data = Files.createDirectories(Path.of(".mosaic"));
        checkPortsFree();
        Map<String, String> secrets = secrets(data);
        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running), "mosaic-stop"));

        step("Starting PostgreSQL on port " + POSTGRES + " (data in .mosaic/postgres)");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(POSTGRES)
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
        running.add(postgres);
        step("Starting Kafka on port " + KAFKA + " (data in .mosaic/kafka)");
        running.add(StandaloneKafka.start(data, KAFKA, KAFKA_CONTROLLER));

        String jdbc = "jdbc:postgresql://localhost:" + POSTGRES + "/postgres";
        Map<String, String> settings = new LinkedHashMap<>(secrets);
        // a single-machine run may send webhooks to receivers on this machine; production allows no such range
        settings.put(
                "MOSAIC_DESTINATIONS_ALLOWED_RANGES",
                System.getenv().getOrDefault("MOSAIC_DESTINATIONS_ALLOWED_RANGES", "127.0.0.0/8,::1/128"));
        running.add(MosaicServices.start(
                Path.of("."),
                "localhost:" + KAFKA,
                jdbc,
                SERVICES,
                settings,
                data.resolve("logs"),
                new MosaicServices.Progress() {
                    private boolean dotted;

                    @Override
                    public void step(String message) {
                        System.out.println((dotted ? "\n" : "") + "==> " + message);
                        dotted = false;
                    }

                    @Override
                    public void tick() {
                        System.out.print(".");
                        dotted = true;
                    }
                }));
        System.out.println();
        int gateway = SERVICES.get("api-gateway");
        System.out.printf(
                "%nMosaic is up.%n  gateway:   http://localhost:%d%n  console:   http://localhost:%d/console%n  admin key: %s%n%n"
                        + "Make a key for a tenant:%n  curl -s localhost:%d/v1/api-keys -H 'Authorization: Bearer %s' \\%n"
                        + "    -H 'Content-Type: application/json' \\%n"
                        + "    -d '{\"tenant\": \"acme\", \"name\": \"first key\", \"scopes\": [\"events:write\", \"profiles:read\","
                        + " \"segments:read\", \"segments:write\", \"ops:read\"]}'%n%nCtrl-C stops everything.%n",
                gateway,
                gateway,
                secrets.get("MOSAIC_BOOTSTRAP_ADMIN_KEY"),
                gateway,
                secrets.get("MOSAIC_BOOTSTRAP_ADMIN_KEY"));
        Thread.currentThread().join();
    }

    /** The platform's secrets: from the environment when set, else generated once and kept in .mosaic/. */
    private static Map<String, String> secrets(Path data) throws IOException {
        Path file = data.resolve("secrets.properties");
        java.util.Properties stored = new java.util.Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name :
                List.of("MOSAIC_INTERNAL_TOKEN", "MOSAIC_GATEWAY_KEY_PEPPER", "MOSAIC_BOOTSTRAP_ADMIN_KEY")) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                value = stored.getProperty(
                        name, randomSecret(name.equals("MOSAIC_BOOTSTRAP_ADMIN_KEY") ? "admin_" : ""));
            }
            stored.setProperty(name, value);
            secrets.put(name, value);
        }
        try (var out = Files.newBufferedWriter(file)) {
            stored.store(out, "Secrets of the local Mosaic platform; delete to make new ones");
        }
        return secrets;
    }

    private static String randomSecret(String prefix) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka (MOSAIC_KAFKA_PORT)", KAFKA);
        ports.put("Kafka controller (MOSAIC_KAFKA_CONTROLLER_PORT)", KAFKA_CONTROLLER);
        ports.put("PostgreSQL (MOSAIC_POSTGRES_PORT)", POSTGRES);
        SERVICES.forEach((service, port) -> ports.put(service + " (" + portVariable(service) + ")", port));
        List<String> taken = new ArrayList<>();
        ports.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                taken.add("  port " + port + " for " + name);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("These ports are in use:\n" + String.join("\n", taken)
                    + "\nStop what uses them (see: ss -ltnp), or set the variable named to another port."
                    + " Is Mosaic already running?");
        }
    }

    private static void stopAll(List<AutoCloseable> running) {
        if (running.isEmpty()) {
            return;
        }
        System.out.println("\nStopping Mosaic...");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("  did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }

    private static String portVariable(String service) {
        return service.replace("-service", "").replace("api-", "").toUpperCase() + "_PORT";
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
