package io.mosaic.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.Topics;
import io.mosaic.persistence.Jdbc;
import io.mosaic.testing.EmbeddedKafka;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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

    /** The topology starts after the application (once its topics exist and its stores are restored). */
    @org.junit.jupiter.api.BeforeEach
    void awaitTopologyRunning() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> io.restassured.RestAssured.given()
                                .get("/q/health/ready")
                                .statusCode()
                        == 200);
    }

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

    /**
     * Waits until the service has applied everything on the event log so far, merges decided on the way included:
     * the topology has committed every record of its inputs (merge decisions and handovers go through its own
     * topics), and the read model every record of the changelogs it copies. Committed offsets are read before the end
     * offsets, so a stage that has just produced for the next is seen as not caught up.
     */
    protected void awaitCaughtUp() {
        await().atMost(TIMEOUT).until(() -> {
            Map<String, List<String>> topicsByGroup = Map.of(
                    "mosaic-profile-topology",
                    List.of(
                            Topics.INTERACTIONS,
                            Topics.CUSTOMER_BEHAVIOR,
                            Topics.SEGMENT_CHANGES,
                            "mosaic.profile.handovers",
                            "mosaic.profile.claims"),
                    "mosaic-profile-read-model-documents",
                    List.of("mosaic-profile-topology-profiles-changelog"),
                    "mosaic-profile-read-model-timeline",
                    List.of("mosaic-profile-topology-timeline-changelog"));
            Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
            for (String group : topicsByGroup.keySet()) {
                committed.put(group, committedOffsets(group));
            }
            for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
                for (String topic : group.getValue()) {
                    for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
                        if (end.getValue() > 0
                                && hasRecordsBetween(
                                        end.getKey(),
                                        committed.get(group.getKey()).getOrDefault(end.getKey(), 0L),
                                        end.getValue())) {
                            return false;
                        }
                    }
                }
            }
            return true;
        });
    }

    /**
     * Whether committed records lie between the two offsets: a consumer's committed offset may stop short of the end
     * by the marker of the transaction its last record was in.
     */
    private static boolean hasRecordsBetween(TopicPartition partition, long from, long end) {
        if (from >= end) {
            return false;
        }
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    return true;
                }
            }
            return consumer.position(partition) < end;
        }
    }

    private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        kafka.getOrCreateAdminClient()
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
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
