package io.mosaic.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./mosaic demo}: streams a synthetic history of an omnichannel shop through the public API of a running
 * platform (see {@link DemoHistory}), waits until every consumer has caught up, and prints the segments' sizes and
 * a sample profile.
 */
public final class Demo {
    private static final int BATCH = 500;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String gateway;
    private final String key;

    private Demo(String gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        String gateway = "http://localhost:" + Integer.parseInt(System.getenv().getOrDefault("GATEWAY_PORT", "8080"));
        try {
            String admin = adminKey();
            Demo demo = new Demo(gateway, createKey(HttpClient.newHttpClient(), gateway, admin));
            demo.run(customers);
        } catch (IOException | IllegalStateException e) {
            System.err.println("\nThe demo could not run: " + e.getMessage()
                    + "\nIs Mosaic up? Start it with ./mosaic up in another terminal.");
            System.exit(1);
        }
    }

    private void run(int customers) throws Exception {
        List<Map<String, Object>> events = new DemoHistory(customers, Instant.now(), 2026).events();
        System.out.printf(
                "==> Sending %,d events of %,d customers (tenant 'demo') through %s%n",
                events.size(), customers, gateway);
        long accepted = 0;
        for (int from = 0; from < events.size(); from += BATCH) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            JsonNode answer = call("POST", "/v1/events/batch", Map.of("events", batch), 200);
            accepted += answer.path("accepted").asLong();
            if (answer.path("rejected").size() > 0) {
                throw new IllegalStateException(
                        "events were rejected: " + answer.path("rejected").get(0));
            }
            System.out.printf("\r    %,d / %,d accepted", accepted, events.size());
        }
        System.out.println();
        awaitCaughtUp();
        awaitRfmScores();
        printSummary();
    }

    private void awaitCaughtUp() throws Exception {
        System.out.print("==> Waiting for profiles and segments to catch up ");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode lag = call("GET", "/v1/ops/consumer-lag", null, 200);
            long behind = 0;
            for (JsonNode group : lag.path("groups")) {
                // a group with no member is one no running consumer uses (left by an older version): never drains
                if (group.path("members").asInt() > 0) {
                    behind += group.path("lag").asLong();
                }
            }
            if (behind == 0) {
                System.out.println("done");
                return;
            }
            System.out.printf("\r==> Waiting for profiles and segments to catch up: %,d records to go   ", behind);
            Thread.sleep(1_000);
        }
        throw new IllegalStateException(
                "the consumers did not catch up within 10 minutes; see GET /v1/ops/consumer-lag");
    }

    /** RFM scores come from the tenant's own quintiles, recomputed every minute; VIP fills once they are. */
    private void awaitRfmScores() throws Exception {
        System.out.print("==> Waiting for RFM scores (recomputed every minute) ");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode profile = call("GET", "/v1/profiles/" + DemoHistory.SAMPLE, null, 200);
            if (profile.path("behavior").path("rfm").has("score")) {
                Thread.sleep(20_000); // the re-evaluation of every buyer runs on the next ticks
                System.out.println("done");
                return;
            }
            System.out.print(".");
            Thread.sleep(2_000);
        }
        System.out.println("not yet; VIP fills within a minute or two");
    }

    private void printSummary() throws Exception {
        System.out.println("\nSegments of tenant 'demo':");
        for (JsonNode segment : call("GET", "/v1/segments", null, 200).path("items")) {
            System.out.printf(
                    "  %-22s %,6d  %s%n",
                    segment.path("id").asText(),
                    segment.path("size").asLong(),
                    segment.path("name").asText());
        }
        JsonNode profile = call("GET", "/v1/profiles/" + DemoHistory.SAMPLE, null, 200);
        System.out.printf(
                "%nA sample profile (GET %s/v1/profiles/%s):%n%s%n",
                gateway,
                DemoHistory.SAMPLE,
                EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(profile));
        System.out.printf("%nThe demo key (tenant 'demo', every scope): %s%n", key);
        System.out.printf("See it all in the console: %s/console (sign in with the demo key)%n", gateway);
    }

    private JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofByteArray(
                                    EventJson.mapper().writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }

    private static String createKey(HttpClient http, String gateway, String admin) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tenant", "demo");
        request.put("name", "demo " + Instant.now());
        request.put("scopes", List.of("events:write", "profiles:read", "segments:read", "segments:write", "ops:read"));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/v1/api-keys"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                EventJson.mapper().writeValueAsBytes(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the gateway refused to make a demo key (" + created.statusCode() + ")");
        }
        return EventJson.mapper().readTree(created.body()).path("key").asText();
    }

    private static String adminKey() throws IOException {
        String fromEnvironment = System.getenv("MOSAIC_BOOTSTRAP_ADMIN_KEY");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path secrets = Path.of(".mosaic", "secrets.properties");
        if (!Files.exists(secrets)) {
            throw new IllegalStateException("no admin key: set MOSAIC_BOOTSTRAP_ADMIN_KEY or run ./mosaic up first");
        }
        Properties stored = new Properties();
        try (var in = Files.newBufferedReader(secrets)) {
            stored.load(in);
        }
        return stored.getProperty("MOSAIC_BOOTSTRAP_ADMIN_KEY");
    }
}
