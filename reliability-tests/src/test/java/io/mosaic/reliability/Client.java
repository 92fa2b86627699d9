package io.mosaic.reliability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** What a client of the public API does: keys, batches of events, waiting until every consumer caught up. */
final class Client {
    static final Duration EVENTUALLY = Duration.ofSeconds(120);
    static final List<String> ALL_SCOPES =
            List.of("events:write", "profiles:read", "profiles:erase", "segments:read", "segments:write", "ops:read");

    /** Every plain key handed out in this run: none may ever appear in a log. */
    static final java.util.Set<String> KEYS_ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Client() {}

    static String newTenant(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String key) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    /** A new key of {@code tenant} with {@code scopes}, made with the bootstrap admin key. */
    static String key(String tenant, List<String> scopes) {
        String key = as(Platform.ADMIN_KEY)
                .body(Map.of("tenant", tenant, "name", "reliability", "scopes", scopes))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        KEYS_ISSUED.add(key);
        return key;
    }

    static String fullKey(String tenant) {
        return key(tenant, ALL_SCOPES);
    }

    /** POST one batch; answers the status (200 when every event was valid and Kafka took them). */
    static Response postBatch(String key, List<Map<String, Object>> events) {
        return as(key).body(Map.of("events", events)).post("/v1/events/batch");
    }

    /** Sends {@code events} in batches of {@code size}, each of which must be accepted whole. */
    static void sendAll(String key, List<Map<String, Object>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + size));
            postBatch(key, batch).then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(batch.size()));
        }
    }

    /** Waits until every consumer group has applied every record written so far; the failure shows the lag. */
    static void awaitCaughtUp(String key) {
        AtomicReference<String> last = new AtomicReference<>("none");
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> {
                Response response = as(key).get("/v1/ops/consumer-lag");
                last.set(response.statusCode() + " " + response.asString());
                if (response.statusCode() != 200) {
                    return false;
                }
                List<Number> lags = response.jsonPath().getList("groups.lag");
                return !lags.isEmpty() && lags.stream().allMatch(lag -> lag.longValue() == 0);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the consumers did not catch up within " + EVENTUALLY + "; last: " + last.get());
        }
    }
}
