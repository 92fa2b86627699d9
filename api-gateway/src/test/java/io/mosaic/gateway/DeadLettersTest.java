package io.mosaic.gateway;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/ops/dead-letters} against a real broker: the newest letters by their headers, never a payload. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class DeadLettersTest extends GatewayTestBase {
    private static final String DLQ = "mosaic.interactions.dlq";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void theNewestLettersAreShownByWhoRefusedThemAndWhyWithoutTheirPayload() {
        if (!kafka.topics().list().contains(DLQ)) {
            kafka.topics().createAndWait(DLQ, 2);
        }
        // spread over the partitions: the newest across all of them come first
        String run = UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        List<ProducerRecord<String, String>> letters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("mosaic-tenant", bytes("acme"));
            headers.add("dlq-consumer", bytes("consumer-" + run));
            headers.add("dlq-original-topic", bytes("mosaic.interactions"));
            headers.add("dlq-original-partition", bytes("3"));
            headers.add("dlq-original-offset", bytes(Integer.toString(100 + i)));
            headers.add("dlq-error-class", bytes("io.mosaic.events.EventJson$MalformedEventException"));
            headers.add("dlq-error-message", bytes("letter " + i + " of " + run + " " + "x".repeat(600)));
            letters.add(new ProducerRecord<>(DLQ, null, now + i, "k", "{\"email\":\"rina@tokoku.id\"}", headers));
        }
        kafka.produceStrings().fromRecords(letters).awaitCompletion();

        as(BOOTSTRAP)
                .get("/v1/ops/dead-letters?limit=3")
                .then()
                .statusCode(200)
                .body("topic", equalTo(DLQ))
                .body("records", greaterThanOrEqualTo(5))
                .body("items", hasSize(3))
                .body("items.originalOffset", contains(104, 103, 102))
                .body("items[0].consumer", equalTo("consumer-" + run))
                .body("items[0].tenant", equalTo("acme"))
                .body("items[0].originalTopic", equalTo("mosaic.interactions"))
                .body("items[0].originalPartition", equalTo(3))
                .body("items[0].errorClass", equalTo("io.mosaic.events.EventJson$MalformedEventException"))
                .body("items[0].errorMessage.length()", equalTo(501))
                .body(not(containsString("rina@tokoku.id")));
    }

    @Test
    void theLimitIsBoundedAndTheListIsForOpsOnly() {
        for (String limit : List.of("0", "101", "ten", "-1")) {
            as(BOOTSTRAP)
                    .get("/v1/ops/dead-letters?limit=" + limit)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("limit"));
        }
        as(key(tenant, "segments:read")).get("/v1/ops/dead-letters").then().statusCode(403);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
