package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.daysAgo;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.key;
import static io.mosaic.e2e.Api.message;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator and a client integrating Mosaic see: health, consumer lag, metrics, clear errors. */
@ExtendWith(Platform.class)
class OperationsIT {
    private final String tenant = newTenant();

    @Test
    void theGatewaySeesEveryServiceReady() {
        as(key(tenant, "ops:read"))
                .get("/v1/ops/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("services.size()", equalTo(4));
    }

    @Test
    void consumerLagIsReportedPerGroupAndPartitionAndReturnsToZero() {
        String key = fullKey(tenant);
        send(key, List.of(message("c-1", daysAgo(0), "chat"), message("c-2", daysAgo(0), "email")));

        JsonPath lag = awaitBody(key, "/v1/ops/consumer-lag", Api::caughtUp);
        assertThat(lag.getList("groups.group", String.class))
                .contains(
                        "mosaic-segmentation",
                        "mosaic-segmentation-memberships",
                        "mosaic-profile-topology",
                        "mosaic-profile-read-model-documents",
                        "mosaic-profile-read-model-timeline");
        // The Streams application reads the events and the handovers it writes to itself (merges across partitions).
        assertThat(lag.getList("groups.find { it.group == 'mosaic-segmentation' }.partitions.topic", String.class))
                .contains("mosaic.interactions")
                .containsOnly("mosaic.interactions", "mosaic.segmentation.handovers");
        // The profile topology reads segmentation's outputs too, and its own handovers and identifier claims.
        assertThat(lag.getList("groups.find { it.group == 'mosaic-profile-topology' }.partitions.topic", String.class))
                .contains("mosaic.interactions");
        await().atMost(Api.EVENTUALLY)
                .until(
                        () -> given().get("/q/metrics").asString(),
                        metrics -> metrics.contains("mosaic_consumer_lag_records{group=\"mosaic-segmentation\""));
    }

    @Test
    void anInvalidEventIsRefusedNamingTheFieldAndTheValidOnesOfItsBatchAreKept() {
        String key = key(tenant, "events:write", "profiles:read");
        Map<String, Object> valid = message("c-ok", daysAgo(0), "chat");
        Map<String, Object> invalid = message("c-bad", daysAgo(0), "carrier-pigeon");

        as(key).body(invalid)
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("channel"));
        as(key).body(Map.of("events", List.of(valid, invalid)))
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors.field", hasItem("channel"));
        awaitBody(key, "/v1/profiles/c-ok", body -> "c-ok".equals(body.getString("customerId")));
        as(key).get("/v1/profiles/c-bad").then().statusCode(404);
    }
}
