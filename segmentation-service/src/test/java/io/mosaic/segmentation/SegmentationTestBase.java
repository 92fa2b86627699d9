package io.mosaic.segmentation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Topics;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the segmentation service tests share: the broker, a fresh tenant per test, and readers of the outputs. */
public abstract class SegmentationTestBase {
    @InjectKafkaCompanion
    protected KafkaCompanion kafka;

    /** A tenant of its own per test, so tests never see each other's customers. */
    protected final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    /** The topology starts after the application (once its topics exist and its stores are restored). */
    @org.junit.jupiter.api.BeforeEach
    void awaitTopologyRunning() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    protected RequestSpecification api() {
        return given().contentType(ContentType.JSON)
                .header(PlatformHeaders.INTERNAL_TOKEN, "test-internal-token")
                .header(PlatformHeaders.TENANT, tenant);
    }

    protected List<SegmentChange> awaitChanges(String customerId, int count) {
        return TopicRecords.await(
                        kafka,
                        Topics.SEGMENT_CHANGES,
                        count,
                        record -> record.key().equals(tenant + ":" + customerId))
                .stream()
                .map(SegmentationTestBase::change)
                .toList();
    }

    /**
     * The customer's behavior summary as the topology last published it (read up to the end of the topic), empty
     * when there is none or the last record is a tombstone (the customer was merged away, erased or withdrew).
     */
    protected Optional<JsonNode> behavior(String customerId) {
        String key = tenant + ":" + customerId;
        List<ConsumerRecord<String, String>> records = TopicRecords.toEnd(
                EmbeddedKafka.bootstrapServers(), Topics.CUSTOMER_BEHAVIOR, record -> key.equals(record.key()));
        String latest =
                records.isEmpty() ? null : records.get(records.size() - 1).value();
        try {
            return latest != null
                    ? Optional.of(EventJson.mapper().readTree(latest).get("behavior"))
                    : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static SegmentChange change(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readValue(record.value(), SegmentChange.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
