package io.mosaic.ingestion.rest;

import static io.mosaic.ingestion.rest.Requests.asGateway;
import static io.mosaic.ingestion.rest.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mosaic.events.EventHeaders;
import io.mosaic.events.Topics;
import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BatchResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void validEventsAreAcceptedEvenWhenOthersAreNot() {
        String run = UUID.randomUUID().toString();
        String batch = "{\"events\": [" + event("c-1", run + "-a") + ", {\"eventId\": \"" + run
                + "-bad\", \"type\": \"purchase.completed\"}, " + event("c-2", run + "-b") + "]}";

        asGateway("acme")
                .body(batch)
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("eventIds", contains(run + "-a", run + "-b"))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].eventId", equalTo(run + "-bad"))
                .body(
                        "rejected[0].errors.field",
                        contains(
                                "occurredAt",
                                "source",
                                "customerId",
                                "properties.orderId",
                                "properties.amount",
                                "properties.currency"));

        var records = TopicRecords.await(
                kafka,
                Topics.INTERACTIONS,
                2,
                r -> TopicRecords.header(r, EventHeaders.EVENT_ID).orElse("").startsWith(run));
        assertThat(records).extracting(r -> r.key()).containsExactlyInAnyOrder("acme:c-1", "acme:c-2");
    }

    @Test
    void aBatchOfOnlyInvalidEventsWritesNothingAndSaysWhy() {
        asGateway("acme")
                .body("{\"events\": [{}, 42]}")
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("rejected.index", contains(0, 1))
                .body("rejected[1].errors[0].message", equalTo("an event must be a JSON object"));
    }

    @Test
    void aBatchMustHoldEvents() {
        asGateway("acme")
                .body("{\"items\": []}")
                .post("/v1/events/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("events"));
        asGateway("acme")
                .body("{\"events\": []}")
                .post("/v1/events/batch")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("at least one"));
        asGateway("acme")
                .body("{\"events\": [" + event("c-1", "x") + "], \"dryRun\": true}")
                .post("/v1/events/batch")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void aGzipBodyIsReadAsItsDecompressedJson() throws Exception {
        String run = UUID.randomUUID().toString();
        String batch = "{\"events\": [" + event("c-1", run + "-gz") + "]}";

        asGateway("acme")
                .header("Content-Encoding", "gzip")
                .body(gzip(batch.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("eventIds", contains(run + "-gz"));
    }

    @Test
    void aGzipBodyThatExpandsBeyondTheLimitIs413() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in about 64 KiB

        assertThat(bomb.length).isLessThan(1024 * 1024);
        asGateway("acme")
                .header("Content-Encoding", "gzip")
                .body(bomb)
                .post("/v1/events/batch")
                .then()
                .statusCode(413);
    }

    private static byte[] gzip(byte[] plain) throws java.io.IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(compressed)) {
            out.write(plain);
        }
        return compressed.toByteArray();
    }

    @Test
    void moreThanAThousandEventsIs413() {
        String tooMany = "{\"events\": [" + String.join(",", Collections.nCopies(1001, "{}")) + "]}";
        asGateway("acme")
                .body(tooMany)
                .post("/v1/events/batch")
                .then()
                .statusCode(413)
                .body("detail", containsString("at most 1000"));
    }

    @Test
    void aThousandEventsArriveTogether() {
        String run = UUID.randomUUID().toString();
        StringBuilder batch = new StringBuilder("{\"events\": [");
        for (int i = 0; i < 1000; i++) {
            batch.append(i == 0 ? "" : ",").append(event("c-" + (i % 97), run + "-" + i));
        }
        batch.append("]}");

        asGateway("acme")
                .body(batch.toString())
                .post("/v1/events/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1000));

        assertThat(TopicRecords.await(
                        kafka,
                        Topics.INTERACTIONS,
                        1000,
                        r -> TopicRecords.header(r, EventHeaders.EVENT_ID)
                                .orElse("")
                                .startsWith(run + "-")))
                .hasSize(1000);
    }
}
