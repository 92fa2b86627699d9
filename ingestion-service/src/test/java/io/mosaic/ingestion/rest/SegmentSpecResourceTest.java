package io.mosaic.ingestion.rest;

import static io.mosaic.ingestion.rest.Requests.asGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mosaic.events.EventHeaders;
import io.mosaic.events.Topics;
import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SegmentSpecResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aBatchOfTheSdksMessagesBecomesMosaicEventsOnKafka() {
        String run = UUID.randomUUID().toString();
        String batch = ("{'batch': ["
                        + "{'type': 'identify', 'messageId': 'RUN-1', 'userId': 'u-RUN', 'anonymousId': 'a-RUN',"
                        + " 'traits': {'email': 'u@example.com'}},"
                        + "{'type': 'track', 'messageId': 'RUN-2', 'userId': 'u-RUN', 'event': 'Order Completed',"
                        + " 'properties': {'order_id': 'o-1', 'total': 10, 'currency': 'EUR'}},"
                        + "{'type': 'page', 'messageId': 'RUN-3', 'anonymousId': 'a-RUN', 'name': 'Pricing'}"
                        + "], 'sentAt': '2026-12-03T10:00:00Z'}")
                .replace("RUN", run)
                .replace('\'', '"');

        asGateway("acme").body(batch).post("/v1/batch").then().statusCode(200).body("success", equalTo(true));

        var records = TopicRecords.await(
                kafka,
                Topics.INTERACTIONS,
                4,
                r -> TopicRecords.header(r, EventHeaders.EVENT_ID).orElse("").startsWith(run));
        assertThat(records)
                .extracting(r -> r.key())
                .containsExactlyInAnyOrder(
                        "acme:u-" + run, "acme:u-" + run, "acme:u-" + run, "acme:anonymous:a-" + run);
        assertThat(records)
                .extracting(r -> TopicRecords.header(r, EventHeaders.EVENT_TYPE).orElse(""))
                .containsExactlyInAnyOrder(
                        "customer.identified", "customer.merged", "purchase.completed", "interaction.tracked");
    }

    @Test
    void aBatchWithAFaultIsRefusedWholeNamingTheMessageAndField() {
        String run = UUID.randomUUID().toString();
        String batch = ("{'batch': ["
                        + "{'type': 'track', 'messageId': 'RUN-ok', 'userId': 'u-1', 'event': 'Video Played'},"
                        + "{'type': 'track', 'messageId': 'RUN-bad', 'userId': 'u-1', 'event': 'Order Completed',"
                        + " 'properties': {'order_id': 'o-1', 'currency': 'EUR'}}]}")
                .replace("RUN", run)
                .replace('\'', '"');

        asGateway("acme")
                .body(batch)
                .post("/v1/batch")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("batch[1].properties.amount"));

        asGateway("acme")
                .body("{\"userId\": \"u-1\", \"messageId\": \"" + run + "-after\", \"event\": \"Video Played\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        var records = TopicRecords.await(
                kafka,
                Topics.INTERACTIONS,
                1,
                r -> TopicRecords.header(r, EventHeaders.EVENT_ID).orElse("").startsWith(run));
        assertThat(records)
                .as("only the message sent after the refused batch: nothing of that batch was written")
                .extracting(r -> TopicRecords.header(r, EventHeaders.EVENT_ID).orElse(""))
                .containsExactly(run + "-after");
    }
}
