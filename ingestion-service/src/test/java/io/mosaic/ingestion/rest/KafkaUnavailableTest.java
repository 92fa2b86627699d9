package io.mosaic.ingestion.rest;

import static io.mosaic.ingestion.rest.Requests.asGateway;
import static io.mosaic.ingestion.rest.Requests.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kafka is not there at all: requests are refused with 503 and Retry-After, and the service says it is unready. */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoKafka.class)
class KafkaUnavailableTest {

    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "localhost:" + unusedPort(),
                    "mosaic.ingestion.publish-timeout", "2s",
                    "mosaic.ingestion.retry-after", "7s");
        }

        private static int unusedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aSingleEventIs503WithRetryAfter() {
        asGateway("acme")
                .body(event("c-1", "e-503"))
                .post("/v1/events")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("title", equalTo("Event store unavailable"));
    }

    @Test
    void aBatchIs503AndNothingOfItIsAccepted() {
        asGateway("acme")
                .body("{\"events\": [" + event("c-1", "e-b1") + "," + event("c-2", "e-b2") + "]}")
                .post("/v1/events/batch")
                .then()
                .statusCode(503)
                .header("Retry-After", "7");
    }

    @Test
    void invalidInputIsStillAnswered400WithoutKafka() {
        asGateway("acme").body("{}").post("/v1/events").then().statusCode(400);
    }

    @Test
    void theServiceReportsItselfUnready() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
