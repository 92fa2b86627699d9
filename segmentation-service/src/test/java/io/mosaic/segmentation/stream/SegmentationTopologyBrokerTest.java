package io.mosaic.segmentation.stream;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.purchase;
import static io.mosaic.segmentation.Events.voucherPurchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/**
 * The topology on a real broker, exactly-once (v2), three partitions: customers on different partitions merge
 * through the handover topic, a resent event counts once, and a new instance restores the state from the
 * changelogs and goes on counting from there.
 */
class SegmentationTopologyBrokerTest {
    private static final Instant NOW = Instant.now();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final SegmentationTopology.Topics topics = SegmentationTopology.Topics.suffixed(run);

    @Test
    void mergesAcrossPartitionsCountOnceAndStateSurvivesANewInstance() throws Exception {
        createTopics();
        List<InteractionEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            InteractionEvent first = purchase("acme", "a-" + i, NOW.minusSeconds(300), "10", false);
            events.add(first);
            events.add(first); // resent by a client: counts once
            events.add(purchase("acme", "b-" + i, NOW.minusSeconds(200), "5", false));
            events.add(event(
                    "acme",
                    "a-" + i,
                    "customer.merged",
                    NOW.minusSeconds(100),
                    "'properties': {'mergedCustomerId': 'b-" + i + "'}"));
        }
        Map<String, JsonNode> behavior;
        try (KafkaStreams streams = start()) {
            send(events);
            behavior =
                    awaitBehavior(20, summary -> summary.at("/purchases/count").asInt() == 2);
            streams.close(Duration.ofSeconds(30));
        }
        assertThat(behavior.keySet()).allMatch(key -> key.startsWith("acme:a-"));
        assertThat(behavior.values())
                .allSatisfy(summary -> assertThat(summary.at("/purchases/total").decimalValue())
                        .isEqualByComparingTo("15"));

        try (KafkaStreams restarted = start()) { // a new state directory: everything comes back from changelogs
            List<InteractionEvent> more = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                more.add(purchase("acme", "b-" + i, NOW.minusSeconds(50), "100", false)); // under the absorbed id
            }
            send(more);
            Map<String, JsonNode> after =
                    awaitBehavior(20, summary -> summary.at("/purchases/count").asInt() == 3);
            assertThat(after.values())
                    .allSatisfy(
                            summary -> assertThat(summary.at("/purchases/total").decimalValue())
                                    .isEqualByComparingTo("115"));
            restarted.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void aNewEventConditionCountsHistoryReadBackFromTheBrokerExactlyOnce() throws Exception {
        createTopics();
        List<InteractionEvent> history = new ArrayList<>();
        List<InteractionEvent> live = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            history.add(voucherPurchase("acme", "v-" + i, NOW.minus(Duration.ofDays(2))));
            live.add(voucherPurchase("acme", "v-" + i, NOW.minus(Duration.ofDays(1))));
        }
        try (KafkaStreams streams = start()) {
            send(history);
            awaitBehavior(6, summary -> summary.at("/purchases/count").asInt() == 1);
            try (DefinitionsLog definitions = new DefinitionsLog(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers()),
                    topics.segmentDefinitions(),
                    () -> streams.store(StoreQueryParameters.fromNameAndType(
                            SegmentationTopology.DEFINITIONS, QueryableStoreTypes.<String, byte[]>keyValueStore())),
                    Duration.ofSeconds(10))) {
                definitions.put(
                        "acme",
                        new TenantDefinitions.Definition(
                                "voucher-twice",
                                "Two",
                                "",
                                io.mosaic.segmentation.Events.json("{'event': 'purchase.completed', 'where':"
                                        + " {'promotion.kind': 'voucher'}, 'within': '30d', 'count': {'eq': 2}}"),
                                false,
                                NOW,
                                NOW));
                assertThat(TenantDefinitions.of(
                                streams.store(StoreQueryParameters.fromNameAndType(
                                        SegmentationTopology.DEFINITIONS,
                                        QueryableStoreTypes.<String, byte[]>keyValueStore())),
                                "acme"))
                        .as("the write is visible to this instance's next read")
                        .extracting(TenantDefinitions.Listed::id)
                        .contains("voucher-twice");
            }
            send(live); // counted live or, where a task had not seen the definition yet, by the replay: once
            Map<String, JsonNode> entered = awaitLatest(
                    topics.segmentChanges(),
                    6,
                    change -> change.path("segmentId").asText().equals("voucher-twice"));
            streams.close(Duration.ofSeconds(30));
            assertThat(entered.values())
                    .allSatisfy(
                            change -> assertThat(change.path("change").asText()).isEqualTo("entered"));
        }
    }

    @Test
    void aCustomerChangedByManyEventsBetweenTwoCommitsPublishesItsBehaviorOnce() throws Exception {
        createTopics();
        List<InteractionEvent> events = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            for (int customer = 0; customer < 4; customer++) {
                events.add(purchase("acme", "c-" + customer, NOW.minusSeconds(300 - n), "1", false));
            }
        }
        try (KafkaStreams streams = start(Duration.ofSeconds(5))) {
            send(events);
            awaitBehavior(4, summary -> summary.at("/purchases/count").asInt() == 10);
            streams.close(Duration.ofSeconds(30));
        }
        // Sent at once, the 40 events are processed within one commit interval, or across two at worst.
        assertThat(recordsPerKey(topics.customerBehavior()))
                .hasSize(4)
                .allSatisfy((customer, records) -> assertThat(records)
                        .as("behavior records of " + customer)
                        .isBetween(1, 2));
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", EmbeddedKafka.bootstrapServers()))) {
            admin.createTopics(topics.toCreate(3, (short) 1)).all().get();
        }
    }

    private KafkaStreams start() throws IOException {
        return start(Duration.ofMillis(100));
    }

    private KafkaStreams start(Duration commitInterval) throws IOException {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "segmentation-" + run);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) commitInterval.toMillis());
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        settings.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, io.mosaic.streams.BoundedRocksDb.class);
        settings.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("streams").toString());
        settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The next instance waits for this one's session to end before it gets the partitions (45 s by default).
        settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        KafkaStreams streams =
                new KafkaStreams(SegmentationTopology.build(topics, SegmentationTopology.Settings.DEFAULT), settings);
        streams.start();
        return streams;
    }

    private void send(List<InteractionEvent> events) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
            for (InteractionEvent event : events) {
                var record = EventLog.record(event);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        topics.interactions(), record.key(), record.value()));
            }
            producer.flush();
        }
    }

    /** Reads the behavior topic (committed records only) until {@code customers} summaries pass {@code done}. */
    private Map<String, JsonNode> awaitBehavior(int customers, java.util.function.Predicate<JsonNode> done) {
        Map<String, JsonNode> latest =
                awaitLatest(topics.customerBehavior(), customers, record -> done.test(record.get("behavior")));
        latest.replaceAll((key, record) -> record.get("behavior"));
        return latest;
    }

    /** Reads a topic (committed records only) until the latest record of {@code keys} keys passes {@code done}. */
    private Map<String, JsonNode> awaitLatest(String topic, int keys, java.util.function.Predicate<JsonNode> done) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = record.value() == null ? null : read(record.value());
                    if (value == null) {
                        latest.remove(record.key());
                    } else if (done.test(value)) {
                        latest.put(record.key(), value);
                    }
                }
                return latest.size() == keys;
            });
        }
        return latest;
    }

    /** How many committed records each key has on a topic, read to its end. */
    private Map<String, Integer> recordsPerKey(String topic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> counts.merge(record.key(), 1, Integer::sum));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return counts;
    }

    private static JsonNode read(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
