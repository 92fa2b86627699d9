package io.mosaic.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keys made through the gateway's own API, with the bootstrap admin key of the test profile. */
public abstract class GatewayTestBase {
    protected static final String BOOTSTRAP = "test-bootstrap-admin-key";

    protected final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    protected RequestSpecification as(String key) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    /** A new key of {@code tenant} with these scopes; answers the plain key. */
    protected String key(String tenant, String... scopes) {
        return as(BOOTSTRAP)
                .body(Map.of("tenant", tenant, "name", "test key", "scopes", List.of(scopes)))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }
}
