package io.mosaic.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The public API as a benchmark client uses it: one key of one tenant with every scope. */
final class GatewayClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    private GatewayClient(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** A client of a new key for {@code tenant}, made with the admin key. */
    static GatewayClient forTenant(String base, String adminKey, String tenant) throws Exception {
        GatewayClient admin = new GatewayClient(base, adminKey);
        JsonNode created = admin.send(
                "POST",
                "/v1/api-keys",
                JSON.writeValueAsBytes(Map.of(
                        "tenant",
                        tenant,
                        "name",
                        "benchmark",
                        "scopes",
                        List.of("events:write", "profiles:read", "segments:read", "ops:read"))),
                201);
        return new GatewayClient(base, created.path("key").asText());
    }

    /** The header that authenticates this client's calls, for other clients of the same key. */
    Map<String, String> credentials() {
        return Map.of("Authorization", "Bearer " + key);
    }

    /** POSTs a body of events; answers the status (202 or 200 when accepted). */
    int post(String path, byte[] body) {
        try {
            return http.send(
                            request(path)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    JsonNode get(String path) throws Exception {
        return send("GET", path, null, 200);
    }

    /** Until the gateway reports every one of {@code groups} with no lag. */
    void awaitCaughtUp(List<String> groups) throws Exception {
        while (true) {
            long lag = 0;
            int seen = 0;
            for (JsonNode group : get("/v1/ops/consumer-lag").path("groups")) {
                if (groups.contains(group.path("group").asText())) {
                    lag += group.path("lag").asLong();
                    seen++;
                }
            }
            if (seen == groups.size() && lag == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The largest lag in seconds among {@code groups}, as the gateway reports it. */
    double maxLagSeconds(List<String> groups) throws Exception {
        double max = 0;
        for (JsonNode group : get("/v1/ops/consumer-lag").path("groups")) {
            if (groups.contains(group.path("group").asText())) {
                max = Math.max(max, group.path("lagSeconds").asDouble());
            }
        }
        return max;
    }

    private JsonNode send(String method, String path, byte[] body, int expected) throws Exception {
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpResponse<byte[]> response =
                http.send(request(path).method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
    }
}
