package io.mosaic.benchmarks;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latency of a profile read through the api-gateway (which answers it from the read model) against one
 * straight to the profile-service (with the headers the gateway would set): the same reads at a fixed rate,
 * alternating so that drift of the machine hits both. Both services run as their packaged jars in their own JVMs on a real Kafka and
 * PostgreSQL.
 *
 * <p>Run: {@code benchmarks/run-gateway.sh [rate=1000] [seconds=30]}.
 */
public final class GatewayBenchmark {
    private static final int PROFILES = 10_000;

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String bootstrap = EmbeddedKafka.bootstrapServers();
        String jdbcUrl = BenchDatabase.jdbcUrl();
        Path logs = Files.createDirectories(Path.of("benchmarks", "target"));
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "MOSAIC_INTERNAL_TOKEN", "benchmark");
        Map<String, String> profileEnv = new HashMap<>(common);
        profileEnv.putAll(Map.of(
                "PROFILE_DB_URL", jdbcUrl,
                "PROFILE_DB_USER", BenchDatabase.USER,
                "PROFILE_DB_PASSWORD", BenchDatabase.PASSWORD));
        StringBuilder report = new StringBuilder("# Gateway overhead benchmark (" + Instant.now() + ")\n\n");
        System.out.println("starting profile-service...");
        try (ServiceProcess profile =
                BenchServices.start("profile-service", profileEnv, logs.resolve("profile-service.log"))) {
            ProfileReadBenchmark.load(bootstrap, PROFILES);
            Map<String, String> gatewayEnv = new HashMap<>(common);
            gatewayEnv.putAll(Map.of(
                    "GATEWAY_DB_URL",
                    jdbcUrl,
                    "GATEWAY_DB_USER",
                    BenchDatabase.USER,
                    "GATEWAY_DB_PASSWORD",
                    BenchDatabase.PASSWORD,
                    "GATEWAY_PROFILES_DB_URL",
                    EmbeddedDatabase.reactiveUrl(jdbcUrl),
                    "MOSAIC_GATEWAY_KEY_PEPPER",
                    "benchmark-pepper-0123456789",
                    "MOSAIC_BOOTSTRAP_ADMIN_KEY",
                    "benchmark-admin-key",
                    "PROFILE_URL",
                    "http://localhost:" + profile.port(),
                    "MOSAIC_RATE_LIMIT_RATE",
                    "1000000",
                    "MOSAIC_RATE_LIMIT_BURST",
                    "1000000"));
            System.out.println("starting api-gateway...");
            try (ServiceProcess gateway =
                    BenchServices.start("api-gateway", gatewayEnv, logs.resolve("api-gateway.log"))) {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                String key = createKey(http, gateway.port());
                Random random = new Random(5);
                IntConsumer direct = i -> Loads.get(
                        http,
                        "http://localhost:" + profile.port() + "/v1/profiles/c-" + next(random),
                        PlatformHeaders.INTERNAL_TOKEN,
                        "benchmark",
                        PlatformHeaders.TENANT,
                        "bench");
                IntConsumer viaGateway = i -> Loads.get(
                        http,
                        "http://localhost:" + gateway.port() + "/v1/profiles/c-" + next(random),
                        "Authorization",
                        "Bearer " + key);
                Loads.openLoop("warm-up", direct, rate, 15, 64);
                Loads.openLoop("warm-up", viaGateway, rate, 15, 64);
                report.append(
                        "| reads | rate | reads/s done | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
                for (int round = 1; round <= 2; round++) {
                    report.append(
                            Loads.openLoop("direct to profile-service, round " + round, direct, rate, seconds, 64));
                    report.append(
                            Loads.openLoop("through the api-gateway, round " + round, viaGateway, rate, seconds, 64));
                }
                report.append("\n## Gateway metrics\n\n```\n")
                        .append(gateway.metrics("http_server_requests_seconds"))
                        .append("```\n");
            }
        }
        Files.writeString(logs.resolve("gateway-benchmark.md"), report);
        System.out.println(report);
        System.exit(0);
    }

    private static String createKey(HttpClient http, int port) throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/api-keys"))
                        .header("Authorization", "Bearer benchmark-admin-key")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"tenant\": \"bench\", \"name\": \"benchmark\", \"scopes\": [\"profiles:read\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !key.find()) {
            throw new IllegalStateException("no key: " + created.statusCode() + " " + created.body());
        }
        return key.group(1);
    }

    private static int next(Random random) {
        synchronized (random) {
            return random.nextInt(PROFILES);
        }
    }
}
