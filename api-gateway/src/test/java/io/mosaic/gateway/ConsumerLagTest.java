package io.mosaic.gateway;

import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.mosaic.testing.InjectKafkaCompanion;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Lag figures against a real broker, for a group that is behind by a known number of records. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class ConsumerLagTest extends GatewayTestBase {
    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aGroupBehindBySixRecordsShowsSixAndTheAgeOfTheOldest() {
        Topic fixture = topic("lag-test", 1);
        String topic = fixture.name();
        String group = fixture.group();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new ProducerRecord<>(topic, 0, System.currentTimeMillis() - 60_000, "k", "v" + i));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        TopicPartition partition = new TopicPartition(topic, 0);
        commit(group, Map.of(partition, new OffsetAndMetadata(4)));

        String path = "groups.find { it.group == '" + group + "' }";
        consumerLag()
                .body(path + ".lag", equalTo(6))
                .body(path + ".partitions[0].committedOffset", equalTo(4))
                .body(path + ".partitions[0].endOffset", equalTo(10))
                .body(path + ".partitions[0].lag", equalTo(6))
                .body(path + ".lagSeconds", greaterThan(55f))
                .body(path + ".members", equalTo(0))
                .body(path + ".state", equalTo("Empty"));
    }

    @Test
    void eachPartitionOfAGroupPeekedTogetherKeepsItsOwnAge() {
        Topic fixture = topic("lag-many-test", 3);
        String topic = fixture.name();
        String group = fixture.group();
        long now = System.currentTimeMillis();
        long[] ageSeconds = {300, 30, 120};
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            for (int i = 0; i < 4; i++) {
                records.add(new ProducerRecord<>(topic, partition, now - ageSeconds[partition] * 1000, "k", "v" + i));
            }
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        commit(
                group,
                Map.of(
                        new TopicPartition(topic, 0), new OffsetAndMetadata(1),
                        new TopicPartition(topic, 1), new OffsetAndMetadata(4),
                        new TopicPartition(topic, 2), new OffsetAndMetadata(2)));

        String path = "groups.find { it.group == '" + group + "' }";
        consumerLag()
                .body(path + ".partitions.lag", contains(3, 0, 2))
                .body(
                        path + ".partitions[0].lagSeconds",
                        both(greaterThan(295f)).and(lessThan(360f)))
                .body(path + ".partitions[1].lagSeconds", equalTo(0f))
                .body(
                        path + ".partitions[2].lagSeconds",
                        both(greaterThan(115f)).and(lessThan(180f)))
                .body(path + ".lagSeconds", both(greaterThan(295f)).and(lessThan(360f)));
    }

    @Test
    void aGroupThatReadEveryRecordOfATransactionHasNoLagThoughTheCommitMarkerFollows() {
        Topic fixture = topic("lag-tx-test", 2);
        String topic = fixture.name();
        String group = fixture.group();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.getBootstrapServers(), "transactional.id", "tx-" + topic),
                new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
                producer.send(new ProducerRecord<>(topic, 1, "k", "v" + i));
            }
            producer.commitTransaction();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        TopicPartition second = new TopicPartition(topic, 1);
        // after the last record, as consumers do
        commit(group, Map.of(partition, new OffsetAndMetadata(3), second, new OffsetAndMetadata(3)));

        String path = "groups.find { it.group == '" + group + "' }";
        consumerLag()
                .body(path + ".partitions.endOffset", contains(4, 4))
                .body(path + ".partitions.lag", contains(0, 0))
                .body(path + ".lag", equalTo(0))
                .body(path + ".lagSeconds", equalTo(0f));
    }

    @Test
    void theAgeFollowsTheGroupAsItCommitsFurther() {
        Topic fixture = topic("lag-moving-test", 1);
        String topic = fixture.name();
        String group = fixture.group();
        long now = System.currentTimeMillis();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new ProducerRecord<>(topic, 0, i < 5 ? now - 120_000 : now - 30_000, "k", "v" + i));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        TopicPartition partition = new TopicPartition(topic, 0);
        String path = "groups.find { it.group == '" + group + "' }";

        commit(group, Map.of(partition, new OffsetAndMetadata(2)));
        for (int read = 0; read < 2; read++) { // the second read answers from the remembered peek
            consumerLag().body(path + ".lag", equalTo(8)).body(path + ".lagSeconds", greaterThan(115f));
        }

        commit(group, Map.of(partition, new OffsetAndMetadata(7)));
        consumerLag()
                .body(path + ".lag", equalTo(3))
                .body(path + ".lagSeconds", both(greaterThan(25f)).and(lessThan(60f)));
    }

    @Test
    void aPartitionWithOnlyACommitMarkerLeftShowsLagAgainOnceNewRecordsArrive() {
        Topic fixture = topic("lag-tx-new-test", 1);
        String topic = fixture.name();
        String group = fixture.group();
        TopicPartition partition = new TopicPartition(topic, 0);
        String path = "groups.find { it.group == '" + group + "' }";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.getBootstrapServers(), "transactional.id", "tx-" + topic),
                new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            sendInTransaction(producer, topic, 3);
            commit(group, Map.of(partition, new OffsetAndMetadata(3)));
            consumerLag().body(path + ".lag", equalTo(0));

            sendInTransaction(producer, topic, 3);
        }

        consumerLag().body(path + ".partitions[0].endOffset", equalTo(8)).body(path + ".lag", greaterThan(2));
    }

    @Test
    void aPartitionAssignedToTheGroupButNeverCommittedCountsFromItsBeginning() {
        Topic fixture = topic("lag-new-test", 1);
        String topic = fixture.name();
        String group = fixture.group();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(new ProducerRecord<>(topic, 0, System.currentTimeMillis() - 30_000, "k", "v" + i));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        kafka.getBootstrapServers(),
                        "group.id",
                        group,
                        "enable.auto.commit",
                        "false",
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            org.awaitility.Awaitility.await().until(() -> {
                consumer.poll(java.time.Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });

            String path = "groups.find { it.group == '" + group + "' }";
            consumerLag()
                    .body(path + ".lag", equalTo(5))
                    .body(path + ".partitions[0].committedOffset", nullValue())
                    .body(path + ".lagSeconds", greaterThan(25f))
                    .body(path + ".members", equalTo(1))
                    .body(path + ".state", equalTo("Stable"));
        }
    }

    @Test
    void opsHealthNamesEachService() {
        as(key(tenant, "ops:read"))
                .get("/v1/ops/health")
                .then()
                .statusCode(200)
                .body("services.api-gateway", equalTo("UP"))
                .body("services.profile-service", equalTo("DOWN"))
                .body("status", equalTo("DOWN"))
                .body("services.keySet()", hasItem("ingestion-service"));
    }

    /** A new topic of {@code partitions}, named after the test, and a Mosaic group name to go with it. */
    private record Topic(String name, String group) {}

    private Topic topic(String name, int partitions) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.topics().createAndWait(unique, partitions);
        return new Topic(unique, "mosaic-" + unique);
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String topic, int records) {
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
        }
        producer.commitTransaction();
    }

    private ValidatableResponse consumerLag() {
        return as(key(tenant, "ops:read")).get("/v1/ops/consumer-lag").then().statusCode(200);
    }

    private void commit(String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.getBootstrapServers(), "group.id", group),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.commitSync(offsets);
        }
    }
}
