package io.mosaic.profile.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mosaic.profile.ProfileTestBase;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Bad requests are answered with problem+json naming the field. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class ProfileResourceTest extends ProfileTestBase {

    @Test
    void aLookupNeedsExactlyOneIdentifier() {
        api().get("/v1/profiles").then().statusCode(400).contentType("application/problem+json");
        api().queryParam("email", "a@tokoku.id")
                .queryParam("phone", "+628111111234")
                .get("/v1/profiles")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("email,phone"));
    }

    @Test
    void aNulCharacterInThePathOrAQueryIsRefusedNamingWhere() {
        api().urlEncodingEnabled(false)
                .get("/v1/profiles?externalId=shop:a%00b")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("externalId"));
        api().urlEncodingEnabled(false)
                .get("/v1/profiles/c%00d")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("path"));
    }

    @Test
    void malformedIdentifiersAreNamed() {
        api().queryParam("phone", "0812345678")
                .get("/v1/profiles")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("phone"));
        api().queryParam("email", "not-an-email")
                .get("/v1/profiles")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("email"));
        api().queryParam("externalId", "no-system")
                .get("/v1/profiles")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("externalId"));
    }

    @Test
    void timelinePagingParametersAreChecked() {
        publish(identified("t-1", now, "", "'geographic': {'city': 'Ambon'}"));
        awaitProfile("t-1", profile -> profile.body("customerId", equalTo("t-1")));

        for (String limit : new String[] {"0", "201", "abc", "1e2", "99999999999"}) {
            api().get("/v1/profiles/t-1/timeline?limit=" + limit)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("limit"));
        }
        for (String cursor : new String[] {"AA", "wA", "____", "x".repeat(2_000)}) {
            api().get("/v1/profiles/t-1/timeline?before=" + cursor)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("before"));
        }
        api().get("/v1/profiles/t-1/timeline?before=garbage")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("before"));
        api().get("/v1/profiles/unknown/timeline").then().statusCode(404);
    }

    @Test
    void callsWithoutTheInternalTokenAreRefused() {
        given().header("X-Mosaic-Tenant", tenant)
                .get("/v1/profiles/anyone")
                .then()
                .statusCode(401);
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("mosaic_consumer_batch"));
    }
}
