package io.mosaic.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.Topics;
import io.mosaic.persistence.Jdbc;
import io.mosaic.testing.EventLog;
import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.TestEvents;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** What the profile service tests share: the broker, a fresh tenant per test, event builders and waits. */
public abstract class ProfileTestBase {
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    protected KafkaCompanion kafka;

    @Inject
    protected Jdbc jdbc;

    /** A tenant of its own per test, so tests never see each other's customers. */
    protected final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    /** Microseconds, as PostgreSQL keeps them. */
    protected final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected RequestSpecification api() {
        return api(tenant);
    }

    protected RequestSpecification api(String tenant) {
        return given().contentType(ContentType.JSON)
                .header(PlatformHeaders.INTERNAL_TOKEN, "test-internal-token")
                .header(PlatformHeaders.TENANT, tenant);
    }

    protected InteractionEvent event(String customerId, String type, Instant at, String extraJson) {
        return TestEvents.event(tenant, customerId, type, at, extraJson);
    }

    /** A {@code customer.identified} with identifiers and traits given as single-quoted JSON ('' for none). */
    protected InteractionEvent identified(String customerId, Instant at, String identifiers, String traits) {
        return event(
                customerId,
                "customer.identified",
                at,
                (identifiers.isEmpty() ? "" : "'identifiers': {" + identifiers + "}, ") + "'properties': {'traits': {"
                        + traits + "}}");
    }

    protected void publish(InteractionEvent... events) {
        EventLog.publish(kafka, events);
    }

    protected void publishTo(String topic, String customerId, String json) {
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(
                        topic,
                        tenant + ":" + customerId,
                        json == null ? null : json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)))
                .awaitCompletion();
    }

    /** Waits until the profile of {@code customerId} answers and satisfies the assertions. */
    protected void awaitProfile(String customerId, Consumer<ValidatableResponse> assertions) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertions.accept(
                        api().get("/v1/profiles/{id}", customerId).then().statusCode(200)));
    }

    /** Waits until the service has applied everything on the event log so far, merges decided on the way included. */
    protected void awaitCaughtUp() {
        await().atMost(TIMEOUT).until(() -> {
            Map<TopicPartition, Long> ends = endOffsets(Topics.INTERACTIONS);
            Map<Integer, Long> applied = appliedOffsets(Topics.INTERACTIONS);
            boolean caughtUp = ends.entrySet().stream()
                    .allMatch(end -> applied.getOrDefault(end.getKey().partition(), 0L) >= end.getValue());
            return caughtUp && outboxIsEmpty();
        });
    }

    private boolean outboxIsEmpty() {
        return jdbc.query("select count(*) from outbox", statement -> {}, row -> row.getLong(1))
                        .get(0)
                == 0;
    }

    private Map<Integer, Long> appliedOffsets(String topic) {
        return jdbc.queryMap(
                "select partition, next_offset from applied_offset where topic = ?",
                statement -> statement.setString(1, topic),
                row -> row.getInt(1),
                row -> row.getLong(2));
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        var admin = kafka.getOrCreateAdminClient();
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    protected static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
