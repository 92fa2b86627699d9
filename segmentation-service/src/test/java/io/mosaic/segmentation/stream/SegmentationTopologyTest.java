package io.mosaic.segmentation.stream;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.mosaic.events.SegmentChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentationTopologyTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final SegmentationTopology.Topics TOPICS = new SegmentationTopology.Topics(
            "mosaic.interactions", "mosaic.segment-changes", "mosaic.customer-behavior", "mosaic.interactions.dlq");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> interactions;
    private TestOutputTopic<String, byte[]> changes;
    private TestOutputTopic<String, byte[]> behavior;
    private TestOutputTopic<String, byte[]> deadLetters;

    private void start(SeenEvents.Settings dedup) {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "segmentation-test");
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            settings.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("topology").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        driver = new TopologyTestDriver(
                SegmentationTopology.build(TOPICS, TenantSegments.BUILT_IN, dedup), settings, START);
        interactions = driver.createInputTopic(
                TOPICS.interactions(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        changes = driver.createOutputTopic(
                TOPICS.segmentChanges(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        behavior = driver.createOutputTopic(
                TOPICS.customerBehavior(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(
                TOPICS.deadLetters(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(InteractionEvent event) {
        interactions.pipeInput(InteractionEvent.key(event.tenant(), event.customerId()), EventJson.toBytes(event));
    }

    private JsonNode lastBehavior() throws IOException {
        List<KeyValue<String, byte[]>> all = behavior.readKeyValuesToList();
        assertThat(all).isNotEmpty();
        byte[] last = all.get(all.size() - 1).value;
        return last == null ? null : EventJson.mapper().readTree(last).get("behavior");
    }

    private List<SegmentChange> readChanges() {
        return changes.readValuesToList().stream()
                .map(bytes -> {
                    try {
                        return EventJson.mapper().readValue(bytes, SegmentChange.class);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void anEventIsCountedOncePerEventId() throws IOException {
        start(SeenEvents.Settings.DEFAULT);
        InteractionEvent purchase = purchase("acme", "c-1", START.minusSeconds(60), "100", false);
        send(purchase);
        send(purchase);
        send(purchase("acme", "c-1", START.minusSeconds(30), "50", false));

        JsonNode summary = lastBehavior();
        assertThat(summary.at("/purchases/count").asInt()).isEqualTo(2);
        assertThat(summary.at("/purchases/total").decimalValue()).isEqualByComparingTo("150");
    }

    @Test
    void aCustomerEntersTheSegmentsTheirEventsQualifyThemFor() {
        start(SeenEvents.Settings.DEFAULT);
        send(message("acme", "c-2", START.minus(Duration.ofDays(1)), "whatsapp"));

        List<SegmentChange> seen = readChanges();
        assertThat(seen).extracting(SegmentChange::segmentId).contains("new-customers");
        assertThat(seen).allSatisfy(change -> {
            assertThat(change.change()).isEqualTo(SegmentChange.Change.ENTERED);
            assertThat(change.cause()).isEqualTo("event:message.received");
        });
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersWithItsReasonAndThePartitionMovesOn() throws IOException {
        start(SeenEvents.Settings.DEFAULT);
        interactions.pipeInput("acme:c-3", "{not json".getBytes(StandardCharsets.UTF_8));
        String outOfBounds = new String(
                        EventJson.toBytes(purchase("acme", "c-3", START.minusSeconds(10), "100", false)),
                        StandardCharsets.UTF_8)
                .replaceFirst("\"amount\":[^,}]+", "\"amount\":1e999999999");
        interactions.pipeInput("acme:c-3", outOfBounds.getBytes(StandardCharsets.UTF_8));
        send(purchase("acme", "c-3", START.minusSeconds(5), "20", false));

        var letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2);
        assertThat(new String(
                        letters.get(1).headers().lastHeader("dlq-error-message").value(), StandardCharsets.UTF_8))
                .contains("properties.amount");
        assertThat(lastBehavior().at("/purchases/count").asInt()).isEqualTo(1);
    }

    @Test
    void anIdIsForgottenOnlyAfterTheWindowAndExpiryIsBoundedPerTick() throws IOException {
        start(new SeenEvents.Settings(Duration.ofHours(1), Duration.ofMinutes(1), 2));
        InteractionEvent first = purchase("acme", "c-4", START.minusSeconds(60), "10", false);
        send(first);
        for (int i = 0; i < 4; i++) {
            send(message("acme", "c-4", START.minusSeconds(50 - i), "chat"));
        }
        driver.advanceWallClockTime(Duration.ofMinutes(30));
        send(first);
        assertThat(lastBehavior().at("/purchases/count").asInt()).isEqualTo(1);

        driver.advanceWallClockTime(Duration.ofMinutes(31));
        assertThat(count(driver.getKeyValueStore(SegmentationTopology.SEEN_EVENTS)))
                .as("one tick expires at most two ids")
                .isEqualTo(3);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(count(driver.getKeyValueStore(SegmentationTopology.SEEN_EVENTS)))
                .isEqualTo(1);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(count(driver.getKeyValueStore(SegmentationTopology.SEEN_EVENTS)))
                .isZero();
        send(first);
        assertThat(lastBehavior().at("/purchases/count").asInt())
                .as("past the documented window an id counts again")
                .isEqualTo(2);
    }

    @Test
    void erasureExitsEverySegmentAndAReplayOfThePastStaysErased() throws IOException {
        start(SeenEvents.Settings.DEFAULT);
        InteractionEvent history = message("acme", "c-5", START.minus(Duration.ofDays(2)), "email");
        send(history);
        readChanges();
        behavior.readKeyValuesToList();

        send(PlatformEvents.erasure("acme", "c-5", START));
        assertThat(readChanges())
                .isNotEmpty()
                .allSatisfy(change -> assertThat(change.change()).isEqualTo(SegmentChange.Change.EXITED));
        assertThat(lastBehavior()).as("a tombstone").isNull();
        assertThat(driver.<String, CustomerState>getKeyValueStore(SegmentationTopology.CUSTOMER_STATES)
                        .get("acme:c-5"))
                .isNull();

        send(message("acme", "c-5", START.minus(Duration.ofDays(2)), "email")); // the past, sent again
        assertThat(changes.isEmpty()).isTrue();
        assertThat(behavior.isEmpty()).isTrue();
        send(message("acme", "c-5", START.plusSeconds(1), "email")); // after the erasure: a new start
        assertThat(readChanges()).extracting(SegmentChange::change).containsOnly(SegmentChange.Change.ENTERED);
    }

    @Test
    void aWithdrawnProfilingConsentClearsTheCustomerUntilGrantedAgain() throws IOException {
        start(SeenEvents.Settings.DEFAULT);
        send(message("acme", "c-6", START.minus(Duration.ofDays(1)), "chat"));
        readChanges();
        send(consent("c-6", false, START.minusSeconds(100)));
        assertThat(readChanges()).extracting(SegmentChange::change).containsOnly(SegmentChange.Change.EXITED);
        assertThat(lastBehavior()).isNull();

        send(purchase("acme", "c-6", START.minusSeconds(50), "10", false));
        send(consent("c-6", true, START.minusSeconds(200))); // older than the withdrawal: changes nothing
        send(purchase("acme", "c-6", START.minusSeconds(40), "10", false));
        assertThat(behavior.isEmpty()).as("nothing learnt while withdrawn").isTrue();

        send(consent("c-6", true, START.minusSeconds(10)));
        send(purchase("acme", "c-6", START.minusSeconds(5), "10", false));
        assertThat(lastBehavior().at("/purchases/count").asInt()).isEqualTo(1);
    }

    private static InteractionEvent consent(String customerId, boolean granted, Instant at) {
        return event(
                "acme",
                customerId,
                "consent.updated",
                at,
                "'properties': {'purpose': 'profiling', 'granted': " + granted + "}");
    }

    private static long count(KeyValueStore<String, ?> store) {
        long count = 0;
        try (KeyValueIterator<String, ?> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}
