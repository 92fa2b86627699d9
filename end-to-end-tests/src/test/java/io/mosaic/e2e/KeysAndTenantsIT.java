package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.awaitStatus;
import static io.mosaic.e2e.Api.daysAgo;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.identified;
import static io.mosaic.e2e.Api.key;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys, scopes and tenants, as the gateway enforces them in front of the real services. */
@ExtendWith(Platform.class)
class KeysAndTenantsIT {
    private final String tenant = newTenant();

    @Test
    void aCallWithoutAValidKeyIsUnauthorizedAndOneWithoutTheScopeForbidden() {
        given().get("/v1/profiles/c-1")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("X-Request-Id", not(org.hamcrest.Matchers.emptyOrNullString()));
        as("mk_000000000000_not-a-key").get("/v1/profiles/c-1").then().statusCode(401);

        String writer = key(tenant, "events:write");
        as(writer).get("/v1/profiles/c-1").then().statusCode(403).contentType("application/problem+json");
        as(writer).delete("/v1/profiles/c-1").then().statusCode(403);
        as(key(tenant, "profiles:read")).delete("/v1/profiles/c-1").then().statusCode(403);
        as(writer).get("/v1/ops/consumer-lag").then().statusCode(403);
        as(writer).get("/v1/api-keys").then().statusCode(403);
    }

    @Test
    void aKeyIsShownOnceStoredUnreadableAndRevokedWithinSeconds() {
        String key = key(tenant, "profiles:read");
        as(key).get("/v1/profiles/nobody").then().statusCode(404);

        List<Map<String, Object>> keys = as(Platform.ADMIN_KEY)
                .get("/v1/api-keys")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, Object> listed = keys.stream()
                .filter(k -> tenant.equals(k.get("tenant")))
                .findFirst()
                .orElseThrow();
        assertThat(listed).doesNotContainKey("key");
        assertThat(listed.values()).noneMatch(value -> key.equals(value));

        as(Platform.ADMIN_KEY).delete("/v1/api-keys/" + listed.get("id")).then().statusCode(204);
        awaitStatus(key, "/v1/profiles/nobody", 401);
    }

    @Test
    void aTenantNeverSeesAnotherTenantsCustomersOrSegments() {
        String mine = fullKey(tenant);
        String theirs = fullKey(newTenant());
        send(mine, List.of(identified("c-private", daysAgo(1), "private@tokoku.id", "Bandung", Map.of())));
        awaitBody(mine, "/v1/profiles/c-private", profile -> true);
        as(mine).get("/v1/profiles?email=private@tokoku.id").then().statusCode(200);
        as(mine).body(Map.of(
                        "id",
                        "bandung",
                        "name",
                        "Bandung",
                        "rule",
                        Map.of("trait", "geographic.city", "op", "eq", "value", "Bandung")))
                .post("/v1/segments")
                .then()
                .statusCode(201);

        as(theirs).get("/v1/profiles/c-private").then().statusCode(404);
        as(theirs).get("/v1/profiles?email=private@tokoku.id").then().statusCode(404);
        as(theirs).get("/v1/profiles/c-private/timeline").then().statusCode(404);
        as(theirs).delete("/v1/profiles/c-private").then().statusCode(404);
        as(theirs).get("/v1/segments/bandung").then().statusCode(404);
        as(theirs).get("/v1/segments").then().statusCode(200).body("items.id", not(hasItem("bandung")));
        send(theirs, List.of(identified("c-theirs", daysAgo(1), "theirs@tokoku.id", "Bandung", Map.of())));
        JsonPath members = awaitBody(
                theirs,
                "/v1/segments/new-customers/members",
                body -> body.getList("items.customerId").contains("c-theirs"));
        assertThat(members.getList("items.customerId", String.class)).containsExactly("c-theirs");
        as(mine).get("/v1/profiles/c-private").then().statusCode(200);
    }
}
