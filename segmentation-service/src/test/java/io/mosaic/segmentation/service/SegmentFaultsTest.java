package io.mosaic.segmentation.service;

import static io.mosaic.segmentation.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.EventLog;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One tenant's bad rule or bad request stays that tenant's, and stored data never stops the service. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(io.mosaic.testing.FreshStateDirectory.class)
class SegmentFaultsTest extends SegmentationTestBase {
    private static final String BUYERS = """
            {"id": "buyers", "name": "Buyers", "rule": {"metric": "purchases.count", "op": "gte", "value": 1}}
            """;

    @Test
    void aRuleValueOutOfBoundsIsRefusedAndTheTenantGoesOn() {
        for (String rule : List.of(
                "{\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1e400}",
                "{\"event\": \"purchase.completed\", \"within\": \"1000000000000d\"}")) {
            api().body("{\"id\": \"bad\", \"name\": \"Bad\", \"rule\": " + rule + "}")
                    .post("/v1/segments")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", containsString("rule."));
        }
        api().get("/v1/segments").then().statusCode(200);
        api().body(BUYERS).post("/v1/segments").then().statusCode(201);
    }

    @Test
    void aStoredRuleThatNoLongerCompilesFailsItsSegmentOnly() {
        api().body(BUYERS).post("/v1/segments").then().statusCode(201);
        // A definition on the topic whose rule no longer compiles (written by an older version, say).
        kafka.produceStrings()
                .fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        "mosaic.segment-definitions",
                        tenant + ":broken",
                        "{\"id\": \"broken\", \"name\": \"Broken\", \"description\": \"\", \"rule\": {\"metric\":"
                                + " \"purchases.count\", \"op\": \"gte\", \"value\": 1e400}, \"deleted\": false}"))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/broken").then().statusCode(200));

        api().get("/v1/segments")
                .then()
                .statusCode(200)
                .body("items.find { it.id == 'broken' }.status", equalTo("failed"))
                .body("items.find { it.id == 'broken' }.failure", containsString("rule.value"))
                .body("items.find { it.id == 'buyers' }.failure", nullValue());
        api().get("/v1/segments/broken").then().statusCode(200).body("status", equalTo("failed"));
        EventLog.publish(kafka, purchase(tenant, "c-1", Instant.now().minusSeconds(60), "100", false));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/buyers/members")
                        .then()
                        .statusCode(200)
                        .body("items.customerId", org.hamcrest.Matchers.contains("c-1")));

        api().body(
                        "{\"name\": \"Repaired\", \"rule\": {\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1}}")
                .put("/v1/segments/broken")
                .then()
                .statusCode(200)
                .body("failure", nullValue());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/broken")
                        .then()
                        .body("status", equalTo("active"))
                        .body("size", equalTo(1)));
    }

    @Test
    void aCursorThatIsNoCursorIsA400NamingIt() {
        for (String cursor : List.of("AA", "%25%25", "____", "wA", "x".repeat(2_000))) {
            api().get("/v1/segments/vip/members?cursor=" + cursor)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("cursor"));
        }
        for (String limit : List.of("0", "1001", "abc", "1e3", "99999999999")) {
            api().get("/v1/segments/vip/members?limit=" + limit)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("limit"));
        }
        assertThat(api().get("/v1/segments/vip/members?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void everyAcceptedRuleReadsBackAsItWasSent() throws Exception {
        List<String> rules = List.of(
                "{\"metric\": \"purchases.total\", \"op\": \"gte\", \"value\": 999999999999999.999999}",
                "{\"metric\": \"purchases.total\", \"op\": \"lt\", \"value\": -999999999999999}",
                "{\"metric\": \"csat.average\", \"op\": \"in\", \"value\": [0.000001, 4.5, 5]}",
                "{\"metric\": \"churnRisk\", \"op\": \"nin\", \"value\": [\"high\", \"medium\"]}",
                "{\"trait\": \"custom.vip\", \"op\": \"eq\", \"value\": true}",
                "{\"trait\": \"custom.note\", \"op\": \"contains\", \"value\": \"" + "é".repeat(1_000) + "\"}",
                "{\"not\": {\"trait\": \"geographic.city\", \"op\": \"exists\", \"value\": false}}",
                "{\"all\": [{\"event\": \"purchase.completed\", \"where\": {\"promotion.kind\": \"flash_sale\"},"
                        + " \"within\": \"365d\", \"count\": {\"gte\": 3, \"lt\": 10}},"
                        + " {\"event\": \"purchase.completed\", \"within\": \"1d\", \"sum\": \"amount\","
                        + " \"gte\": 0.5}, {\"segment\": \"vip\"}]}");
        com.fasterxml.jackson.databind.ObjectMapper json = io.mosaic.events.EventJson.mapper();
        for (int i = 0; i < rules.size(); i++) {
            String id = "round-trip-" + i;
            api().body("{\"id\": \"" + id + "\", \"name\": \"R\", \"rule\": " + rules.get(i) + "}")
                    .post("/v1/segments")
                    .then()
                    .statusCode(201);
            String stored = api().get("/v1/segments/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", org.hamcrest.Matchers.not(equalTo("failed")))
                    .extract()
                    .asString();
            assertThat(json.readTree(stored).get("rule")).as(rules.get(i)).isEqualTo(json.readTree(rules.get(i)));
        }
    }
}
