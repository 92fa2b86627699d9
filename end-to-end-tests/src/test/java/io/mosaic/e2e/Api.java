package io.mosaic.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** What a client of the public API does, as a test writes it: keys, events, waiting for the views to follow. */
final class Api {
    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private Api() {}

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String key) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    /** A new key of {@code tenant} made with the bootstrap admin key; answers the plain key. */
    static String key(String tenant, String... scopes) {
        return as(Platform.ADMIN_KEY)
                .body(Map.of("tenant", tenant, "name", "e2e", "scopes", List.of(scopes)))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    /** A key with every scope a tenant can have. */
    static String fullKey(String tenant) {
        return key(
                tenant,
                "events:write",
                "profiles:read",
                "profiles:erase",
                "segments:read",
                "segments:write",
                "ops:read");
    }

    /** The segment {@code buyers}: every customer with a purchase. */
    static void createBuyersSegment(String key) {
        as(key).body(Map.of(
                        "id",
                        "buyers",
                        "name",
                        "Buyers",
                        "rule",
                        Map.of("metric", "purchases.count", "op", "gte", "value", 1)))
                .post("/v1/segments")
                .then()
                .statusCode(201);
    }

    /** Sends events in one batch and checks that every one was accepted. */
    static void send(String key, List<Map<String, Object>> events) {
        as(key).body(Map.of("events", events))
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(events.size()));
    }

    /**
     * Waits until {@code GET path} answers 200 with a body that satisfies {@code condition}; answers the body. On
     * timeout the failure shows the last answer.
     */
    static JsonPath awaitBody(String key, String path, Predicate<JsonPath> condition) {
        AtomicReference<Response> last = new AtomicReference<>();
        try {
            return await().atMost(EVENTUALLY)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                Response response = as(key).get(path);
                                last.set(response);
                                return response.statusCode() == 200 ? response.jsonPath() : null;
                            },
                            body -> body != null && condition.test(body));
        } catch (ConditionTimeoutException e) {
            Response response = last.get();
            throw new AssertionError(
                    "GET " + path + " did not answer as expected within " + EVENTUALLY + "; last answer: "
                            + (response == null ? "none" : response.statusCode() + " " + response.asString()));
        }
    }

    static void awaitStatus(String key, String path, int status) {
        await().atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> as(key).get(path).statusCode() == status);
    }

    /** For {@code GET /v1/ops/consumer-lag}: every consumer group has read everything written so far. */
    static boolean caughtUp(JsonPath lag) {
        List<Number> lags = lag.getList("groups.lag");
        return !lags.isEmpty() && lags.stream().allMatch(value -> value.longValue() == 0);
    }

    static Instant daysAgo(double days) {
        return Instant.now().minus((long) (days * 24 * 60), ChronoUnit.MINUTES);
    }

    /** One event as a client posts it; {@code properties} and other fields added by the caller. */
    static Map<String, Object> event(String type, String customerId, Instant occurredAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("occurredAt", occurredAt.toString());
        event.put("source", "e2e");
        event.put("customerId", customerId);
        return event;
    }

    static Map<String, Object> identified(
            String customerId, Instant at, String email, String city, Map<String, Object> demographic) {
        Map<String, Object> event = event("customer.identified", customerId, at);
        event.put("channel", "web");
        event.put("identifiers", Map.of("email", email));
        event.put(
                "properties",
                Map.of(
                        "traits",
                        Map.of(
                                "demographic",
                                demographic,
                                "geographic",
                                Map.of("country", "ID", "city", city),
                                "psychographic",
                                Map.of("interests", List.of("fashion", "travel")))));
        return event;
    }

    static Map<String, Object> purchase(String customerId, Instant at, long amount, String promotionKind) {
        Map<String, Object> event = event("purchase.completed", customerId, at);
        event.put("channel", "app");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("orderId", "o-" + UUID.randomUUID());
        properties.put("amount", amount);
        properties.put("currency", "IDR");
        properties.put(
                "items", List.of(Map.of("sku", "sku-1", "category", "shoes", "quantity", 1, "unitPrice", amount)));
        if (promotionKind != null) {
            properties.put("promotion", Map.of("code", "PROMO", "kind", promotionKind));
        }
        event.put("properties", properties);
        return event;
    }

    static Map<String, Object> message(String customerId, Instant at, String channel) {
        Map<String, Object> event = event("message.received", customerId, at);
        event.put("channel", channel);
        event.put("properties", Map.of("ticketId", "t-1"));
        return event;
    }

    static Map<String, Object> withProperties(Map<String, Object> event, Map<String, Object> properties) {
        event.put("properties", properties);
        return event;
    }
}
