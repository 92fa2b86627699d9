package io.mosaic.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the internet sends in request bodies, on every POST route of the public API: never a 500, never a stack
 * trace or an exception's name in a response, errors as problem+json; what is accepted is stored as sent.
 */
@ExtendWith(Platform.class)
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String key;
    private static String tenant;

    @BeforeAll
    static void tenantWithEveryScope() {
        tenant = Client.newTenant("hostile");
        key = Client.fullKey(tenant);
    }

    @Test
    void malformedBodiesAreRefusedWithProblemJson() {
        List<byte[]> bodies = List.of(
                new byte[0],
                "{".getBytes(StandardCharsets.UTF_8),
                "{\"events\": [".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8),
                "42".getBytes(StandardCharsets.UTF_8),
                "\"just a string\"".getBytes(StandardCharsets.UTF_8),
                "{\"a\":}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC0, (byte) 0xAF, '{', '}'}, // overlong UTF-8
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, // byte order mark
                "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
                "{\"a\":".repeat(50_000).getBytes(StandardCharsets.UTF_8),
                ("{\"events\": [" + "{},".repeat(200_000) + "{}]}").getBytes(StandardCharsets.UTF_8));
        int requests = 0;
        for (String route :
                List.of("/v1/events", "/v1/events/batch", "/v1/segments", "/v1/segments/preview", "/v1/api-keys")) {
            for (byte[] body : bodies) {
                String asKey = route.equals("/v1/api-keys") ? Platform.ADMIN_KEY : key;
                Refusals.assertRefusedCleanly(Client.as(asKey).body(body).post(route), "POST " + route);
                requests++;
            }
        }
        Report.hostile(new Report.Hostile(
                "Malformed JSON",
                "empty, truncated, `null`, arrays and scalars instead of objects, overlong UTF-8, a BOM, 100,000"
                        + " nested arrays, 50,000 nested objects, a batch of 200,001 events; on every POST route",
                requests,
                "4xx problem+json every time (400, 413); no 500, no stack trace"));
    }

    @Test
    void everyFieldOfAnEventWithEveryWrongTypeIsNamedInA400() throws Exception {
        List<Object> wrongValues = List.of(42, true, List.of("a"), Map.of("a", 1), "", -1.5e308);
        int requests = 0;
        for (String field : validEvent().keySet()) {
            for (Object wrong : wrongValues) {
                Map<String, Object> event = validEvent();
                event.put(field, wrong);
                Response response =
                        Client.as(key).body(JSON.writeValueAsBytes(event)).post("/v1/events");
                requests++;
                if (response.statusCode() == 202) {
                    continue; // a value of another type that is still valid for this field (e.g. empty properties)
                }
                Refusals.assertRefusedCleanly(response, field + " = " + wrong);
                assertThat(response.asString()).as(field + " = " + wrong).contains(field);
            }
        }
        Report.hostile(new Report.Hostile(
                "Wrong types",
                "each field of an event set to a number, boolean, array, object, empty string, -1.5e308",
                requests,
                "400 problem+json naming the field, or 202 where the value is valid; no 500"));
    }

    @Test
    void hostileStringsInEveryStringFieldAreRefusedOrStoredAsSent() throws Exception {
        int requests = 0;
        List<String> storedCustomers = new ArrayList<>();
        for (String field : List.of("eventId", "source", "customerId", "channel", "type", "occurredAt")) {
            for (String hostile : Refusals.HOSTILE_STRINGS) {
                Map<String, Object> event = validEvent();
                event.put(field, hostile);
                Response response =
                        Client.as(key).body(JSON.writeValueAsBytes(event)).post("/v1/events");
                requests++;
                // A lone surrogate has no UTF-8 form: the client's encoder sends a replacement, which a URL cannot
                // name as the original; every other accepted id must read back as sent.
                boolean expressible = StandardCharsets.UTF_8.newEncoder().canEncode(hostile);
                if (response.statusCode() == 202 && field.equals("customerId") && expressible) {
                    storedCustomers.add(hostile);
                } else if (response.statusCode() != 202) {
                    Refusals.assertRefusedCleanly(response, field + " = " + Refusals.abbreviated(hostile));
                }
            }
        }
        Map<String, String> storedTraits = new LinkedHashMap<>(); // customer -> the hostile trait it holds
        Map<String, String> storedOrders = new LinkedHashMap<>(); // customer -> the hostile order id it holds
        for (String hostile : Refusals.HOSTILE_STRINGS) {
            String customer = "hostile-" + UUID.randomUUID();
            Map<String, Object> identified = validEvent();
            identified.put("customerId", customer);
            identified.put("type", "customer.identified");
            identified.put("properties", Map.of("traits", Map.of("custom", Map.of("motto", hostile))));
            Map<String, Object> purchase = validEvent();
            purchase.put("customerId", customer);
            purchase.put("type", "purchase.completed");
            purchase.put(
                    "properties",
                    Map.of(
                            "orderId",
                            hostile,
                            "amount",
                            1000,
                            "currency",
                            "IDR",
                            "items",
                            List.of(Map.of("sku", hostile, "category", hostile, "quantity", 1, "unitPrice", 1000)),
                            "promotion",
                            Map.of("code", hostile, "kind", "voucher")));
            for (Map<String, Object> event : List.of(identified, purchase)) {
                Response response =
                        Client.as(key).body(JSON.writeValueAsBytes(event)).post("/v1/events");
                requests++;
                if (response.statusCode() != 202) {
                    Refusals.assertRefusedCleanly(
                            response, event.get("type") + " properties = " + Refusals.abbreviated(hostile));
                } else if (StandardCharsets.UTF_8.newEncoder().canEncode(hostile)) {
                    (event == identified ? storedTraits : storedOrders).put(customer, hostile);
                }
            }
        }
        Client.awaitCaughtUp(key);
        for (String customerId : storedCustomers) {
            Response profile = given().urlEncodingEnabled(false)
                    .header("Authorization", "Bearer " + key)
                    .get("/v1/profiles/"
                            + URLEncoder.encode(customerId, StandardCharsets.UTF_8)
                                    .replace("+", "%20"));
            requests++;
            assertThat(profile.statusCode())
                    .as("profile of customer " + Refusals.abbreviated(customerId))
                    .isEqualTo(200);
            assertThat(profile.jsonPath().getString("customerId")).isEqualTo(customerId);
        }
        for (Map.Entry<String, String> stored : storedTraits.entrySet()) {
            Response profile = Client.as(key).get("/v1/profiles/" + stored.getKey());
            requests++;
            assertThat(profile.jsonPath().getString("traits.custom.motto"))
                    .as("trait " + Refusals.abbreviated(stored.getValue()))
                    .isEqualTo(stored.getValue());
        }
        for (Map.Entry<String, String> stored : storedOrders.entrySet()) {
            Response timeline = Client.as(key).get("/v1/profiles/" + stored.getKey() + "/timeline");
            requests++;
            assertThat(timeline.jsonPath().getList("items.properties.orderId", String.class))
                    .as("order id " + Refusals.abbreviated(stored.getValue()))
                    .contains(stored.getValue());
        }
        Report.hostile(new Report.Hostile(
                "SQL, script, template, path and format-string fragments; unicode edge cases",
                Refusals.HOSTILE_STRINGS.size()
                        + " strings (incl. NUL, a lone surrogate, RTL override, zero-width, emoji,"
                        + " 100,000 characters) in every string field of an event, in a custom trait, and in a purchase's order id,"
                        + " SKU, category and promotion code",
                requests,
                "refused with 400/413 problem+json, or accepted and then served back exactly as sent"
                        + " (read back: " + storedCustomers.size() + " customer ids, " + storedTraits.size()
                        + " traits, "
                        + storedOrders.size() + " purchases); no 500"));
    }

    private static Map<String, Object> validEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "message.received");
        event.put("occurredAt", Instant.now().minusSeconds(30).toString());
        event.put("source", "fuzz");
        event.put("customerId", "c-" + UUID.randomUUID());
        event.put("channel", "chat");
        event.put("properties", Map.of("ticketId", "t-1"));
        return event;
    }
}
