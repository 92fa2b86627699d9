package io.mosaic.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import java.time.Duration;
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
 * Attempts to reach another tenant's data, to do more than a key's scopes allow, to use a revoked key, and to
 * pass the gateway by spoofing the headers it sets; on every route family of the public API.
 */
@ExtendWith(Platform.class)
class AccessControlIT {
    private static final String CUSTOMER = "victim-customer";
    private static final String EMAIL = "victim@tokoku.id";
    private static final String SEGMENT = "victims-city";

    private static String victim;
    private static String victimKey;

    /** A request against the victim's data, as any caller may try it. */
    record Attempt(Method method, String path, Object body) {
        Response as(String key, Map<String, String> headers) {
            var request = Client.as(key).headers(headers);
            if (body != null) {
                request = request.body(body);
            }
            return request.request(method, path);
        }
    }

    static final List<Attempt> ON_VICTIM_DATA = List.of(
            new Attempt(Method.GET, "/v1/profiles/" + CUSTOMER, null),
            new Attempt(Method.GET, "/v1/profiles?email=" + EMAIL, null),
            new Attempt(Method.GET, "/v1/profiles?phone=+6281234567890", null),
            new Attempt(Method.GET, "/v1/profiles?externalId=crm:victim-1", null),
            new Attempt(Method.GET, "/v1/profiles/" + CUSTOMER + "/timeline", null),
            new Attempt(Method.DELETE, "/v1/profiles/" + CUSTOMER, null),
            new Attempt(Method.GET, "/v1/segments/" + SEGMENT, null),
            new Attempt(Method.PUT, "/v1/segments/" + SEGMENT, segment("Hijacked")),
            new Attempt(Method.GET, "/v1/segments/" + SEGMENT + "/members", null),
            new Attempt(Method.GET, "/v1/segments/" + SEGMENT + "/insights", null),
            new Attempt(Method.DELETE, "/v1/segments/" + SEGMENT, null));

    @BeforeAll
    static void victimWithACustomerAndASegment() {
        victim = Client.newTenant("victim");
        victimKey = Client.fullKey(victim);
        Map<String, Object> identified = new LinkedHashMap<>();
        identified.put("eventId", UUID.randomUUID().toString());
        identified.put("type", "customer.identified");
        identified.put("occurredAt", Instant.now().minusSeconds(60).toString());
        identified.put("source", "crm");
        identified.put("customerId", CUSTOMER);
        identified.put(
                "identifiers",
                Map.of("email", EMAIL, "phone", "+6281234567890", "externalIds", Map.of("crm", "victim-1")));
        identified.put("properties", Map.of("traits", Map.of("geographic", Map.of("city", "Medan"))));
        Client.postBatch(victimKey, List.of(identified)).then().statusCode(200);
        Client.as(victimKey).body(segment("Medan")).post("/v1/segments").then().statusCode(201);
        Client.awaitCaughtUp(victimKey);
        Client.as(victimKey).get("/v1/profiles/" + CUSTOMER).then().statusCode(200);
    }

    @Test
    void anotherTenantsKeyFindsNothingOnAnyRouteEvenWithSpoofedHeaders() {
        String attacker = Client.fullKey(Client.newTenant("attacker"));
        List<Map<String, String>> disguises = List.of(
                Map.of(),
                Map.of("X-Mosaic-Tenant", victim),
                Map.of("X-Mosaic-Tenant", victim, "X-Mosaic-Internal-Token", Platform.INTERNAL_TOKEN),
                Map.of("X-Forwarded-For", "127.0.0.1", "X-Mosaic-Tenant", victim));
        int requests = 0;
        for (Map<String, String> disguise : disguises) {
            for (Attempt attempt : ON_VICTIM_DATA) {
                Response response = attempt.as(attacker, disguise);
                requests++;
                // 202 for an erasure request: it is recorded for the attacker's own tenant, where the id is unknown
                assertThat(response.statusCode())
                        .as(attempt.method() + " " + attempt.path() + " with " + disguise)
                        .isIn(202, 404);
                assertThat(response.asString()).doesNotContain(EMAIL, "Medan", "victim-1");
            }
        }
        // An event that names the victim's tenant in its body is the attacker's own event, or refused.
        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("eventId", UUID.randomUUID().toString());
        forged.put("type", "customer.identified");
        forged.put("occurredAt", Instant.now().toString());
        forged.put("source", "attacker");
        forged.put("tenant", victim);
        forged.put("customerId", CUSTOMER);
        forged.put("properties", Map.of("traits", Map.of("geographic", Map.of("city", "Hijacked"))));
        Response forgedResponse = Client.as(attacker).body(forged).post("/v1/events");
        requests++;
        assertThat(forgedResponse.statusCode()).isIn(202, 400);
        Client.awaitCaughtUp(victimKey);

        Response profile = Client.as(victimKey).get("/v1/profiles/" + CUSTOMER);
        assertThat(profile.statusCode())
                .as("the victim's customer survived every attempt")
                .isEqualTo(200);
        assertThat(profile.jsonPath().getString("traits.geographic.city")).isEqualTo("Medan");
        Response segment = Client.as(victimKey).get("/v1/segments/" + SEGMENT);
        assertThat(segment.jsonPath().getString("name")).isEqualTo("Medan");
        Report.hostile(new Report.Hostile(
                "Cross-tenant access",
                "another tenant's full key on every route family (profiles by id, email, phone, external id;"
                        + " timeline; erasure; segment read, update, delete, members, insights), plain and with"
                        + " spoofed X-Mosaic-Tenant / X-Mosaic-Internal-Token / X-Forwarded-For; an event naming the"
                        + " victim's tenant in its body",
                requests,
                "404 everywhere (erasure: 202 for the attacker's own tenant); the victim's profile and segment"
                        + " unchanged"));
    }

    @Test
    void aKeyCannotDoMoreThanItsScopesNorMakeItselfMore() {
        String tenant = Client.newTenant("scopes");
        Map<String, Attempt> byScope = new LinkedHashMap<>();
        byScope.put("events:write", new Attempt(Method.POST, "/v1/events", Map.of()));
        byScope.put("profiles:read", new Attempt(Method.GET, "/v1/profiles/c-1", null));
        byScope.put("profiles:erase", new Attempt(Method.DELETE, "/v1/profiles/c-1", null));
        byScope.put("segments:read", new Attempt(Method.GET, "/v1/segments", null));
        byScope.put("segments:write", new Attempt(Method.POST, "/v1/segments", segment("x")));
        byScope.put("ops:read", new Attempt(Method.GET, "/v1/ops/consumer-lag", null));
        byScope.put("admin", new Attempt(Method.GET, "/v1/api-keys", null));
        int requests = 0;
        for (String scope : Client.ALL_SCOPES) {
            String key = Client.key(tenant, List.of(scope));
            for (Map.Entry<String, Attempt> other : byScope.entrySet()) {
                if (other.getKey().equals(scope)) {
                    continue;
                }
                Response response = other.getValue().as(key, Map.of());
                requests++;
                assertThat(response.statusCode())
                        .as(scope + " key: " + other.getValue())
                        .isEqualTo(403);
            }
            for (List<String> wanted : List.of(Client.ALL_SCOPES, List.of("admin"))) {
                Response escalation = Client.as(key)
                        .body(Map.of("tenant", tenant, "name", "more", "scopes", wanted))
                        .post("/v1/api-keys");
                requests++;
                assertThat(escalation.statusCode())
                        .as(scope + " key making a key with " + wanted)
                        .isEqualTo(403);
            }
        }
        String tenantAdmin = Client.key(tenant, List.of("admin"));
        Response foreignKey = Client.as(tenantAdmin)
                .body(Map.of("tenant", victim, "name", "foreign", "scopes", Client.ALL_SCOPES))
                .post("/v1/api-keys");
        requests++;
        assertThat(foreignKey.statusCode())
                .as("a tenant admin making a key for another tenant")
                .isIn(403, 404);
        Report.hostile(new Report.Hostile(
                "Scope escalation",
                "a key of each scope on the routes of every other scope; each making itself a key with every scope or"
                        + " admin; a tenant admin making a key for another tenant",
                requests,
                "403 problem+json every time (404 for another tenant's keys)"));
    }

    @Test
    void aRevokedKeyIsRefusedOnEveryRouteWithinSeconds() {
        String tenant = Client.newTenant("revoked");
        String key = Client.fullKey(tenant);
        Client.as(key).get("/v1/segments").then().statusCode(200);
        String id = Client.as(Platform.ADMIN_KEY)
                .get("/v1/api-keys")
                .jsonPath()
                .getString("items.find { it.tenant == '" + tenant + "' }.id");
        Client.as(Platform.ADMIN_KEY).delete("/v1/api-keys/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Client.as(key).get("/v1/segments").statusCode() == 401);
        List<Attempt> everything = new ArrayList<>(ON_VICTIM_DATA);
        everything.add(new Attempt(Method.POST, "/v1/events", Map.of()));
        everything.add(new Attempt(Method.POST, "/v1/events/batch", Map.of("events", List.of())));
        everything.add(new Attempt(Method.GET, "/v1/ops/consumer-lag", null));
        everything.add(new Attempt(Method.GET, "/v1/api-keys", null));
        for (Attempt attempt : everything) {
            assertThat(attempt.as(key, Map.of()).statusCode())
                    .as(attempt.toString())
                    .isEqualTo(401);
        }
        Report.hostile(new Report.Hostile(
                "Revoked key",
                "a full key revoked by the admin, then used on every route family",
                everything.size(),
                "401 on every route once revoked (within seconds)"));
    }

    @Test
    void theServicesBehindTheGatewayRefuseCallsThatDidNotComeThroughIt() {
        MosaicServices services = Platform.get().services();
        int requests = 0;
        for (String module : List.of("ingestion-service", "profile-service", "segmentation-service")) {
            String base = "http://localhost:" + services.instance(module).port();
            for (Map<String, String> spoof : List.of(
                    Map.of("X-Mosaic-Tenant", victim),
                    Map.of("X-Mosaic-Tenant", victim, "X-Mosaic-Internal-Token", "guessed-token"),
                    Map.of("X-Mosaic-Tenant", victim, "X-Mosaic-Internal-Token", ""))) {
                for (String path : List.of("/v1/profiles/" + CUSTOMER, "/v1/segments", "/v1/events")) {
                    var request = given().contentType(ContentType.JSON).headers(spoof);
                    Response response = path.equals("/v1/events")
                            ? request.body(Map.of()).post(base + path)
                            : request.get(base + path);
                    requests++;
                    assertThat(response.statusCode())
                            .as(module + path + " " + spoof)
                            .isIn(401, 404, 405);
                    assertThat(response.asString()).doesNotContain(EMAIL, "Medan");
                }
            }
        }
        Report.hostile(new Report.Hostile(
                "Calls around the gateway",
                "straight to ingestion, profile and segmentation with a tenant header and no, a guessed or an empty"
                        + " internal token",
                requests,
                "401 (404/405 where the service has no such route); no data"));
    }

    private static Map<String, Object> segment(String city) {
        return Map.of(
                "id", SEGMENT,
                "name", city,
                "rule", Map.of("trait", "geographic.city", "op", "eq", "value", city));
    }
}
