package io.mosaic.ingestion.rest;

import static io.mosaic.ingestion.rest.Requests.asGateway;
import static io.mosaic.ingestion.rest.Requests.event;
import static io.mosaic.testing.TopicRecords.header;
import static io.mosaic.testing.TopicRecords.withHeader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventHeaders;
import io.mosaic.events.EventJson;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.Topics;
import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class EventResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void anAcceptedEventIsOnTheTopicKeyedByTenantAndCustomer() throws Exception {
        String eventId = "evt-" + UUID.randomUUID();

        asGateway("acme")
                .body(event("c-42", eventId))
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("eventId", equalTo(eventId))
                .body("status", equalTo("accepted"));

        ConsumerRecord<String, String> record =
                TopicRecords.awaitOne(kafka, Topics.INTERACTIONS, withHeader(EventHeaders.EVENT_ID, eventId));
        assertThat(record.key()).isEqualTo("acme:c-42");
        assertThat(header(record, EventHeaders.EVENT_TYPE)).contains("purchase.completed");
        assertThat(header(record, EventHeaders.TENANT)).contains("acme");
        JsonNode payload = EventJson.mapper().readTree(record.value());
        assertThat(payload.get("tenant").asText()).isEqualTo("acme");
        assertThat(payload.at("/identifiers/email").asText()).isEqualTo("ana@example.com");
        assertThat(payload.at("/properties/amount").decimalValue()).isEqualByComparingTo("150000");
        assertThat(payload.at("/properties/promotion/kind").asText()).isEqualTo("flash_sale");
        assertThat(payload.get("receivedAt").asText()).isNotEmpty();
        assertThat(payload.get("occurredAt").asText()).isEqualTo("2026-11-30T03:15:00Z");
    }

    @Test
    void anEventWithoutIdIsGivenOne() {
        asGateway("acme")
                .body(event("c-43", "x").replace("\"eventId\": \"x\", ", ""))
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("eventId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aBadEventIsAnsweredWithEveryFaultyField() {
        String bad = """
                {"type": "purchase.completed", "occurredAt": "2099-01-01T00:00:00Z", "source": "shop",
                 "channel": "fax", "identifiers": {"phone": "0812345"},
                 "properties": {"orderId": "o-1", "amount": -1, "currency": "ABC", "colour": "red"},
                 "tenant": "someone-else"}
                """;

        asGateway("acme")
                .body(bad)
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid event"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "occurredAt",
                                "customerId",
                                "channel",
                                "identifiers.phone",
                                "properties.amount",
                                "properties.currency",
                                "properties.colour",
                                "tenant"));
    }

    @Test
    void numbersArithmeticCannotAffordAreRefusedAsSent() {
        for (String amount : new String[] {"1e999999999", "1e-999999999", "1e400"}) {
            asGateway("acme")
                    .body("{\"type\": \"purchase.completed\", \"occurredAt\": \"2026-11-30T10:00:00Z\","
                            + " \"source\": \"shop\", \"customerId\": \"c-1\", \"properties\": {\"orderId\": \"o-1\","
                            + " \"amount\": " + amount + ", \"currency\": \"IDR\"}}")
                    .post("/v1/events")
                    .then()
                    .statusCode(400)
                    .body("errors.field", containsInAnyOrder("properties.amount"));
        }
    }

    @Test
    void unknownTypesAreRejected() {
        asGateway("acme")
                .body(event("c-1", "e-1").replace("purchase.completed", "purchase.imagined"))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("must be one of"));
    }

    @Test
    void malformedJsonNamesThePosition() {
        asGateway("acme")
                .body("{\"type\": \"purchase.completed\",\n \"source\": }")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 2, column"));
    }

    @Test
    void duplicateKeysAreMalformed() {
        asGateway("acme")
                .body("{\"customerId\": \"a\", \"customerId\": \"b\"}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("detail", containsString("Duplicate field"));
    }

    @Test
    void anEmptyBodyIsRejected() {
        asGateway("acme").post("/v1/events").then().statusCode(400).body("title", equalTo("Empty body"));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}";
        asGateway("acme")
                .body(huge)
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 1048576"));
    }

    @Test
    void callsThatBypassTheGatewayAreRefused() {
        given().contentType(ContentType.JSON)
                .header(PlatformHeaders.TENANT, "acme")
                .body(event("c-1", "e-1"))
                .post("/v1/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .header(PlatformHeaders.TENANT, "acme")
                .header(PlatformHeaders.INTERNAL_TOKEN, "guess")
                .body(event("c-1", "e-1"))
                .post("/v1/events")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .header(PlatformHeaders.INTERNAL_TOKEN, Requests.TOKEN)
                .body(event("c-1", "e-1"))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("title", equalTo("Missing tenant"));
    }

    @Test
    void theRequestIdIsEchoed() {
        asGateway("acme")
                .header(PlatformHeaders.REQUEST_ID, "req-123")
                .body(event("c-1", "e-req"))
                .post("/v1/events")
                .then()
                .statusCode(202)
                .header(PlatformHeaders.REQUEST_ID, "req-123");
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        asGateway("acme").get("/v1/nothing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void acceptedAndRejectedEventsAreCounted() {
        asGateway("acme")
                .body(event("c-9", "e-metrics"))
                .post("/v1/events")
                .then()
                .statusCode(202);
        asGateway("acme").body("{}").post("/v1/events").then().statusCode(400);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("mosaic_events_accepted_total{type=\"purchase.completed\"}"))
                .body(containsString("mosaic_events_rejected_total{reason=\"invalid\",type=\"unknown\"}"));
    }

    @Test
    void readinessCoversKafkaAndTheTopics() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.name", hasItem("kafka"))
                        .body("status", equalTo("UP")));
    }

    @Test
    void theTopicsAreCreatedWithTheConfiguredPartitions() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> kafka.topics().list().contains(Topics.INTERACTIONS_DLQ));
        assertThat(kafka.topics()
                        .describe(Topics.INTERACTIONS)
                        .get(Topics.INTERACTIONS)
                        .partitions())
                .hasSize(12);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/events/batch"));
    }
}
