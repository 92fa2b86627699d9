package io.mosaic.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class GatewayTest extends GatewayTestBase {

    @Test
    void requestsWithoutAValidKeyAreRefused() {
        given().get("/v1/segments").then().statusCode(401).contentType("application/problem+json");
        as("mk_000000000000_forged").get("/v1/segments").then().statusCode(401);
        given().header("X-API-Key", "nonsense").get("/v1/profiles/x").then().statusCode(401);
    }

    @Test
    void aKeyWithoutTheScopeIsForbidden() {
        String reader = key(tenant, "segments:read");
        as(reader).get("/v1/segments").then().statusCode(202);
        as(reader)
                .body("{}")
                .post("/v1/segments")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("segments:write"));
        as(reader).body("{}").post("/v1/events").then().statusCode(403);
        as(reader).get("/v1/api-keys").then().statusCode(403);
        // the platform admin key reads no tenant's data
        as(BOOTSTRAP).get("/v1/segments").then().statusCode(403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String key = key(tenant, "segments:read");
        as(key).get("/v1/segments").then().statusCode(202);
        String id = as(BOOTSTRAP)
                .get("/v1/api-keys")
                .then()
                .extract()
                .path("items.find { it.tenant == '" + tenant + "' }.id");

        as(BOOTSTRAP).delete("/v1/api-keys/" + id).then().statusCode(204);

        as(key).get("/v1/segments").then().statusCode(401);
        as(BOOTSTRAP).get("/v1/api-keys").then().body("items.find { it.id == '" + id + "' }.revokedAt", notNullValue());
    }

    @Test
    void theTenantComesFromTheKeyAndCallerHeadersAreReplaced() {
        String key = key(tenant, "events:write", "segments:read");
        Response seen = as(key).header("X-Mosaic-Tenant", "someone-else")
                .header("X-Mosaic-Internal-Token", "guessed")
                .header("X-Request-Id", "req-42")
                .body("{\"type\": \"message.received\"}")
                .post("/v1/events?dryRun=1");
        seen.then()
                .statusCode(202)
                .header("X-Request-Id", "req-42")
                .header("X-Downstream", "stub")
                .body("path", equalTo("/v1/events"))
                .body("query", equalTo("dryRun=1"))
                .body("body", equalTo("{\"type\": \"message.received\"}"))
                .body("headers.x-mosaic-tenant", equalTo(tenant))
                .body("headers.x-mosaic-internal-token", equalTo("test-internal-token"))
                .body("headers.x-request-id", equalTo("req-42"))
                .body("headers.authorization", nullValue());
    }

    @Test
    void aKeyIsAcceptedAsTheUserNameOfBasicCredentialsAsAnalyticsSdksSendIt() {
        String key = key(tenant, "events:write");
        java.util.function.Function<String, String> basic = credentials -> "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String credentials : List.of(key + ":", key + ":any password")) {
            given().header("Authorization", basic.apply(credentials))
                    .body("{}")
                    .post("/v1/events?dryRun=1")
                    .then()
                    .statusCode(202)
                    .body("headers.x-mosaic-tenant", equalTo(tenant))
                    .body("headers.authorization", nullValue());
        }
        for (String refused : List.of(basic.apply("not-a-key:"), basic.apply(key), "Basic %%%not-base64")) {
            given().header("Authorization", refused)
                    .body("{}")
                    .post("/v1/events?dryRun=1")
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("Basic"));
        }
    }

    @Test
    void anSdksGzipBatchIsForwardedCompressedAsSent() throws Exception {
        String key = key(tenant, "events:write");
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write("{\"batch\": []}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((key + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        given().header("Authorization", basic)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(compressed.toByteArray())
                .post("/v1/batch")
                .then()
                .statusCode(202)
                .body("path", equalTo("/v1/batch"))
                .body("headers.content-encoding", equalTo("gzip"))
                .body("headers.x-mosaic-tenant", equalTo(tenant));
    }

    @Test
    void everyResponseCarriesARequestId() {
        String uuidVersion4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        String first = as(key(tenant, "segments:read"))
                .get("/v1/segments")
                .then()
                .header("X-Request-Id", matchesPattern(uuidVersion4))
                .extract()
                .header("X-Request-Id");
        given().get("/v1/segments")
                .then()
                .statusCode(401)
                .header("X-Request-Id", allOf(matchesPattern(uuidVersion4), not(equalTo(first))));
    }

    @Test
    void statusesAndBodiesOfTheServicesPassThroughUnchanged() {
        as(key(tenant, "segments:read"))
                .get("/v1/segments/teapot")
                .then()
                .statusCode(418)
                .body("method", equalTo("GET"));
    }

    @Test
    void aServiceThatIsDownAnswers503OnItsRoutesOnly() {
        String key = key(tenant, "profiles:read", "events:write");
        as(key).get("/v1/profiles/c-1")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        as(key).body("{}").post("/v1/events").then().statusCode(202);
    }

    @Test
    void keysAreShownOnceAndListedWithoutTheirSecret() {
        String key = key(tenant, "admin");
        assertThat(key).startsWith("mk_");
        as(key).get("/v1/api-keys")
                .then()
                .statusCode(200)
                .body("items.tenant", not(hasItem(not(equalTo(tenant)))))
                .body("items[0].key", nullValue())
                .body("items[0].scopes", equalTo(List.of("admin")));
        as(key).body(Map.of("tenant", "another-tenant", "name", "x", "scopes", List.of("profiles:read")))
                .post("/v1/api-keys")
                .then()
                .statusCode(404); // a tenant's admin cannot make keys for another tenant
    }

    @Test
    void badKeyRequestsNameTheField() {
        as(BOOTSTRAP)
                .body(Map.of("tenant", tenant, "name", "x", "scopes", List.of("everything")))
                .post("/v1/api-keys")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes"));
        as(BOOTSTRAP)
                .body(Map.of("tenant", "Bad Tenant!", "name", "x", "scopes", List.of("admin")))
                .post("/v1/api-keys")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenant"));
    }

    @Test
    void oneOpenApiDocumentDescribesThePublicApi() {
        String document = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (io.mosaic.gateway.routing.Route route : io.mosaic.gateway.routing.PublicRoutes.ALL) {
            assertThat(document).as("the document names " + route.template()).contains("\"" + route.template() + "\"");
        }
    }

    @Test
    void oneTenantsFailingRequestsDoNotOpenTheCircuitForAnother() {
        String noisy = key(tenant, "segments:read");
        for (int i = 0; i < 12; i++) {
            as(noisy).get("/v1/segments/boom").then().statusCode(500);
        }
        as(key("quiet-" + tenant, "segments:read")).get("/v1/segments").then().statusCode(202);
    }

    @Test
    void refusedKeysFromOneAddressAreSlowedThereOnly() {
        int port = io.restassured.RestAssured.port;
        String known = key(tenant, "segments:read");
        assertThat(RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", known).status())
                .isEqualTo(202);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", "mk_000000000000_guess" + i)
                    .status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        RawHttp.Answer limited = RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", "mk_000000000000_more");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", key(tenant, "segments:read"))
                        .status())
                .as("an unchecked key from that address waits too")
                .isEqualTo(429);
        assertThat(RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", known).status())
                .as("a key checked before still works")
                .isEqualTo(202);
        assertThat(RawHttp.send("127.0.0.2", port, "GET", "/v1/segments", known.substring(0, 16) + "forged")
                        .status())
                .as("a key of a known id is checked, not held up: clients behind one proxy share an address")
                .isEqualTo(401);
        assertThat(RawHttp.send("127.0.0.1", port, "GET", "/v1/segments", "mk_000000000000_other")
                        .status())
                .as("another address is not limited")
                .isEqualTo(401);
    }

    @Test
    void anyValidKeyLearnsItsTenantAndScopes() {
        as(key(tenant, "segments:read", "profiles:read"))
                .get("/v1/me")
                .then()
                .statusCode(200)
                .body("tenant", org.hamcrest.Matchers.equalTo(tenant))
                .body("scopes", org.hamcrest.Matchers.contains("profiles:read", "segments:read"))
                .body("platformAdmin", org.hamcrest.Matchers.equalTo(false));
        as(BOOTSTRAP).get("/v1/me").then().statusCode(200).body("platformAdmin", org.hamcrest.Matchers.equalTo(true));
        io.restassured.RestAssured.given().get("/v1/me").then().statusCode(401);
        as("not-a-key").get("/v1/me").then().statusCode(401);
    }

    @Test
    void theConsoleIsServedFromTheJarWithItsLibrariesAndAStrictPolicy() {
        io.restassured.RestAssured.given()
                .redirects()
                .follow(false)
                .get("/console")
                .then()
                .statusCode(302)
                .header("Location", "/console/");
        io.restassured.RestAssured.given()
                .get("/console/")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .body(org.hamcrest.Matchers.containsString("app.js"));
        for (String asset : io.mosaic.gateway.console.ConsoleAssets.LIBRARIES) {
            io.restassured.RestAssured.given().get(asset).then().statusCode(200);
        }
        io.restassured.RestAssured.given().get("/console/app.js").then().statusCode(200);
        io.restassured.RestAssured.given()
                .get("/console/nothing-here.js")
                .then()
                .statusCode(404);
    }

    @Test
    void onlyThePlatformAdminGrantsOpsRead() {
        String tenantAdmin = key(tenant, "admin");
        as(tenantAdmin)
                .body(Map.of("tenant", tenant, "name", "ops", "scopes", List.of("ops:read")))
                .post("/v1/api-keys")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("ops:read"));
        as(BOOTSTRAP).get("/v1/ops/consumer-lag").then().statusCode(200);
        as(key(tenant, "ops:read")).get("/v1/ops/consumer-lag").then().statusCode(200);
    }

    @Test
    void theAccessLogNamesTheRouteNotTheCustomer() {
        try (CapturedLog access = CapturedLog.of("io.mosaic.gateway.access")) {
            as(key(tenant, "segments:read")).get("/v1/segments/rina@tokoku.id/members");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> access.records().stream()
                            .anyMatch(line -> line.getMessage().contains("/v1/segments/{id}/members")));
            assertThat(access.records()).noneMatch(line -> line.getMessage().contains("rina"));
        }
    }
}
