package io.mosaic.segmentation.stream;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static io.mosaic.segmentation.Events.voucherPurchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.mosaic.events.SegmentChange;
import io.mosaic.segmentation.segments.OutputPayloads;
import io.mosaic.streams.RecentEventIds;
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
            "mosaic.interactions",
            "mosaic.segment-definitions",
            "mosaic-segmentation-handovers",
            "mosaic-segmentation-rfm-histograms",
            "mosaic-segmentation-progress",
            "mosaic.segment-changes",
            SegmentationTopology.behaviorTopic("segmentation-test"),
            "mosaic.interactions.dlq");

    private final RecordedPartitions recorded = new RecordedPartitions();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> interactions;
    private TestOutputTopic<String, byte[]> changes;
    private TestOutputTopic<String, byte[]> behavior;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestInputTopic<String, byte[]> definitions;

    private void start(RecentEventIds.Settings dedup) {
        start(new SegmentationTopology.Settings(
                dedup, TimeChecks.Settings.DEFAULT, Backfills.Settings.DEFAULT, Duration.ofSeconds(5), replay(), null));
    }

    private void start(SegmentationTopology.Settings topologySettings) {
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
        driver = new TopologyTestDriver(SegmentationTopology.build(TOPICS, topologySettings), settings, START);
        interactions = driver.createInputTopic(
                TOPICS.interactions(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        definitions = driver.createInputTopic(
                TOPICS.segmentDefinitions(),
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

    private void sendAll(InteractionEvent... events) {
        for (InteractionEvent event : events) {
            send(event); // the test driver feeds what goes to the handover topic, a source too, straight back in
        }
    }

    /** The last behavior published per customer id since the last read (null for a tombstone). */
    private java.util.Map<String, JsonNode> latestBehavior() throws IOException {
        java.util.Map<String, JsonNode> latest = new java.util.HashMap<>();
        for (KeyValue<String, byte[]> record : behavior.readKeyValuesToList()) {
            latest.put(
                    record.key.substring("acme:".length()),
                    record.value == null
                            ? null
                            : EventJson.mapper().readTree(record.value).get("behavior"));
        }
        return latest;
    }

    private CustomerState stateOf(String customerId) {
        return driver.<String, CustomerState>getKeyValueStore(SegmentationTopology.CUSTOMER_STATES)
                .get("acme:" + customerId);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(InteractionEvent event) {
        String key = InteractionEvent.key(event.tenant(), event.customerId());
        recorded.append(START.toEpochMilli(), key, EventJson.toBytes(event));
        interactions.pipeInput(key, EventJson.toBytes(event));
    }

    private ConditionReplays.Settings replay() {
        return replay(5_000);
    }

    private ConditionReplays.Settings replay(int maxPerTick) {
        return new ConditionReplays.Settings(maxPerTick, Duration.ofDays(7), recorded);
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
        start(RecentEventIds.Settings.DEFAULT);
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
        start(RecentEventIds.Settings.DEFAULT);
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
        start(RecentEventIds.Settings.DEFAULT);
        pipeRaw("acme:c-3", "{not json".getBytes(StandardCharsets.UTF_8));
        String outOfBounds = new String(
                        EventJson.toBytes(purchase("acme", "c-3", START.minusSeconds(10), "100", false)),
                        StandardCharsets.UTF_8)
                .replaceFirst("\"amount\":[^,}]+", "\"amount\":1e999999999");
        pipeRaw("acme:c-3", outOfBounds.getBytes(StandardCharsets.UTF_8));
        send(purchase("acme", "c-3", START.minusSeconds(5), "20", false));

        var letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2);
        assertThat(new String(
                        letters.get(1).headers().lastHeader("dlq-error-message").value(), StandardCharsets.UTF_8))
                .contains("properties.amount");
        assertThat(lastBehavior().at("/purchases/count").asInt()).isEqualTo(1);
    }

    @Test
    void anIdIsForgottenOnlyAfterTheWindowAndOldIdsLeaveTheCustomersState() throws IOException {
        start(new RecentEventIds.Settings(Duration.ofHours(1)));
        InteractionEvent first = purchase("acme", "c-4", START.minusSeconds(60), "10", false);
        send(first);
        driver.advanceWallClockTime(Duration.ofMinutes(59));
        send(first);
        assertThat(lastBehavior().at("/purchases/count").asInt()).isEqualTo(1);

        driver.advanceWallClockTime(Duration.ofMinutes(2));
        send(first);
        assertThat(lastBehavior().at("/purchases/count").asInt())
                .as("past the documented window an id counts again")
                .isEqualTo(2);

        for (int hour = 0; hour < 3; hour++) {
            driver.advanceWallClockTime(Duration.ofHours(1));
            send(message("acme", "c-4", START.minusSeconds(30 - hour), "chat"));
        }
        KeyValueStore<String, CustomerState> states = driver.getKeyValueStore(SegmentationTopology.CUSTOMER_STATES);
        assertThat(states.get("acme:c-4").seen.size())
                .as("only the ids of the last window stay in the customer's state")
                .isEqualTo(1);
    }

    @Test
    void aRetriedEventOfAnIdMergedIntoAnotherCountsOnceAtTheSurvivor() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        sendAll(
                message("acme", "c-keep", START.minusSeconds(90), "chat"),
                message("acme", "c-gone", START.minusSeconds(85), "chat"),
                merged("c-keep", "c-gone", START.minusSeconds(80)));
        InteractionEvent late = purchase("acme", "c-gone", START.minusSeconds(70), "40", false);
        sendAll(late, late);

        assertThat(stateOf("c-gone").mergedInto).isEqualTo("c-keep");
        JsonNode survivor = latestBehavior().get("c-keep");
        assertThat(survivor.at("/purchases/count").asInt()).isEqualTo(1);
        assertThat(survivor.at("/purchases/total").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void erasureExitsEverySegmentAndAReplayOfThePastStaysErased() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
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

    /**
     * A merge on its way when the survivor is erased (the erasure did not know the absorbed id yet): the absorbed
     * id's events passed on and its state arriving after the erasure are erased with it, not segmented again.
     */
    @Test
    void aMergeArrivingAfterTheSurvivorsErasureIsErasedToo() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        send(message("acme", "s-1", START.minus(Duration.ofDays(3)), "email"));
        InteractionEvent absorbedEvent = message("acme", "s-2", START.minus(Duration.ofDays(2)), "chat");
        send(absorbedEvent);
        CustomerState absorbed = driver.<String, CustomerState>getKeyValueStore(SegmentationTopology.CUSTOMER_STATES)
                .get("acme:s-2");
        send(PlatformEvents.erasure("acme", "s-1", START));
        readChanges();
        behavior.readKeyValuesToList();

        TestInputTopic<String, byte[]> handovers = driver.createInputTopic(
                TOPICS.handovers(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        handovers.pipeInput(
                "acme:s-1", OutputPayloads.jsonBytes(Handover.event(EventJson.toBytes(absorbedEvent), 1, null)));
        assertThat(changes.isEmpty())
                .as("an event passed on to the erased survivor")
                .isTrue();
        handovers.pipeInput("acme:s-1", OutputPayloads.jsonBytes(Handover.absorb("s-2", absorbed)));

        assertThat(readChanges()).extracting(SegmentChange::change).doesNotContain(SegmentChange.Change.ENTERED);
        KeyValueStore<String, CustomerState> states = driver.getKeyValueStore(SegmentationTopology.CUSTOMER_STATES);
        assertThat(states.get("acme:s-1")).isNull();
        assertThat(states.get("acme:s-2"))
                .as("the absorbed id is erased with it")
                .isNull();
    }

    @Test
    void aWithdrawnProfilingConsentClearsTheCustomerUntilGrantedAgain() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
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

    @Test
    void aMergeGivesTheSameStateWhicheverComesFirstTheMergeOrTheEvents() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        // order one: both customers' events, then the merge of b into a
        sendAll(
                purchase("acme", "a", START.minusSeconds(90), "100", false),
                purchase("acme", "b", START.minusSeconds(80), "20", false),
                merged("a", "b", START.minusSeconds(70)));
        // order two: the merge of d into c first, then the same events
        sendAll(
                merged("c", "d", START.minusSeconds(70)),
                purchase("acme", "c", START.minusSeconds(90), "100", false),
                purchase("acme", "d", START.minusSeconds(80), "20", false));
        behavior.readKeyValuesToList();
        sendAll(
                message("acme", "a", START.minusSeconds(1), "chat"),
                message("acme", "c", START.minusSeconds(1), "chat"));

        assertThat(OutputPayloads.json(stateOf("a").aggregate)).isEqualTo(OutputPayloads.json(stateOf("c").aggregate));
        assertThat(stateOf("a").aliases).containsExactly("b");
        assertThat(stateOf("b").mergedInto).isEqualTo("a");
        assertThat(stateOf("d").mergedInto).isEqualTo("c");
        var latest = latestBehavior();
        JsonNode a = latest.get("a");
        JsonNode c = latest.get("c");
        assertThat(a.at("/purchases/count").asInt()).isEqualTo(2);
        assertThat(a.at("/purchases/total").decimalValue()).isEqualByComparingTo("120");
        assertThat(c.at("/purchases/total").decimalValue()).isEqualByComparingTo("120");
    }

    @Test
    void theAbsorbedCustomerLeavesItsSegmentsAndLaterEventsCountForTheSurvivor() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        sendAll(message("acme", "b", START.minus(Duration.ofDays(1)), "chat"));
        readChanges();
        behavior.readKeyValuesToList();

        sendAll(merged("a", "b", START.minusSeconds(60)));
        List<SegmentChange> moved = readChanges();
        assertThat(moved)
                .filteredOn(change -> change.customerId().equals("b"))
                .isNotEmpty()
                .allSatisfy(change -> {
                    assertThat(change.change()).isEqualTo(SegmentChange.Change.EXITED);
                    assertThat(change.cause()).isEqualTo("merge");
                });
        assertThat(moved)
                .filteredOn(change -> change.customerId().equals("a"))
                .extracting(SegmentChange::segmentId)
                .contains("new-customers");

        sendAll(purchase("acme", "b", START.minusSeconds(10), "30", false)); // sent under the absorbed id
        assertThat(latestBehavior().get("a").at("/purchases/total").decimalValue())
                .isEqualByComparingTo("30");
        assertThat(stateOf("b").aggregate.isEmpty()).isTrue();
    }

    @Test
    void chainsOfMergesEndAtTheLastSurvivorAndAnErasureReachesEveryAlias() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        sendAll(
                purchase("acme", "c", START.minusSeconds(100), "1", false),
                merged("b", "c", START.minusSeconds(90)),
                purchase("acme", "b", START.minusSeconds(80), "10", false),
                merged("a", "b", START.minusSeconds(70)),
                purchase("acme", "c", START.minusSeconds(60), "100", false));

        assertThat(latestBehavior().get("a").at("/purchases/total").decimalValue())
                .isEqualByComparingTo("111");
        assertThat(stateOf("a").aliases).containsExactlyInAnyOrder("b", "c");

        sendAll(PlatformEvents.erasure("acme", "c", START)); // requested under an alias
        assertThat(stateOf("a")).isNull();
        assertThat(stateOf("b")).isNull();
        assertThat(stateOf("c")).isNull();
        sendAll(purchase("acme", "b", START.minusSeconds(80), "10", false)); // the past, replayed
        assertThat(stateOf("b")).isNull();
        assertThat(stateOf("a")).isNull();
    }

    @Test
    void aMergeOfTwoIdsThatAreAlreadyOneChangesNothing() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        sendAll(
                purchase("acme", "x", START.minusSeconds(50), "5", false),
                merged("x", "y", START.minusSeconds(40)),
                merged("y", "x", START.minusSeconds(30)),
                purchase("acme", "y", START.minusSeconds(20), "5", false));

        assertThat(stateOf("y").mergedInto).isEqualTo("x");
        assertThat(stateOf("x").mergedInto).isNull();
        assertThat(latestBehavior().get("x").at("/purchases/count").asInt()).isEqualTo(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void pointersThatFormACycleSendTheEventToTheDeadLettersInsteadOfCirculating() {
        start(RecentEventIds.Settings.DEFAULT);
        KeyValueStore<String, CustomerState> states = driver.getKeyValueStore(SegmentationTopology.CUSTOMER_STATES);
        CustomerState x = new CustomerState();
        x.mergedInto = "y";
        CustomerState y = new CustomerState();
        y.mergedInto = "x";
        states.put("acme:x", x);
        states.put("acme:y", y);

        send(purchase("acme", "x", START.minusSeconds(10), "5", false));

        assertThat(deadLetters.readRecordsToList())
                .extracting(letter -> new String(
                        letter.headers().lastHeader("dlq-error-message").value(), StandardCharsets.UTF_8))
                .singleElement()
                .satisfies(message -> assertThat(message).contains("cycle"));
    }

    @Test
    void theClockMovesCustomersWithoutEventsABoundedNumberPerTick() {
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                new TimeChecks.Settings(Duration.ofMinutes(1), 2),
                Backfills.Settings.DEFAULT,
                Duration.ofSeconds(5),
                replay(),
                null));
        Instant almostThirtyDaysAgo = START.minus(Duration.ofMinutes((long) (29.9 * 24 * 60)));
        for (String customer : List.of("n-1", "n-2", "n-3")) {
            sendAll(message("acme", customer, almostThirtyDaysAgo, "chat"));
        }
        sendAll(message("acme", "gone", almostThirtyDaysAgo, "chat"), PlatformEvents.erasure("acme", "gone", START));
        assertThat(readChanges())
                .filteredOn(change -> change.segmentId().equals("new-customers"))
                .extracting(SegmentChange::change)
                .containsExactly(
                        SegmentChange.Change.ENTERED,
                        SegmentChange.Change.ENTERED,
                        SegmentChange.Change.ENTERED,
                        SegmentChange.Change.ENTERED,
                        SegmentChange.Change.EXITED);

        driver.advanceWallClockTime(Duration.ofHours(3));
        List<SegmentChange> firstTick = readChanges();
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        List<SegmentChange> secondTick = readChanges();

        assertThat(firstTick).extracting(SegmentChange::customerId).containsExactlyInAnyOrder("n-1", "n-2");
        assertThat(secondTick).extracting(SegmentChange::customerId).containsExactly("n-3");
        assertThat(firstTick).allSatisfy(change -> {
            assertThat(change.segmentId()).isEqualTo("new-customers");
            assertThat(change.change()).isEqualTo(SegmentChange.Change.EXITED);
            assertThat(change.cause()).isEqualTo("time");
        });
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(changes.isEmpty()).as("an erased customer is not checked").isTrue();
    }

    @Test
    void aGivenClockIsNowForEventsAndTimeChecks() {
        io.mosaic.segmentation.MutableClock clock = new io.mosaic.segmentation.MutableClock();
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                new TimeChecks.Settings(Duration.ofMinutes(1), 10),
                Backfills.Settings.DEFAULT,
                Duration.ofSeconds(5),
                replay(),
                clock));
        sendAll(message("acme", "n-9", clock.instant().minus(Duration.ofMinutes((long) (29.9 * 24 * 60))), "chat"));
        assertThat(readChanges()).extracting(SegmentChange::segmentId).contains("new-customers");

        clock.advance(Duration.ofHours(3)); // the test driver's own clock stays where it was
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(readChanges())
                .extracting(SegmentChange::segmentId, SegmentChange::change, SegmentChange::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("new-customers", SegmentChange.Change.EXITED, "time"));
    }

    @Test
    void eachTenantsSegmentsComeFromTheDefinitionsTopicAndABadOneIsSkipped() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        define(
                "acme:big-buyers",
                "{\"id\": \"big-buyers\", \"name\": \"Big buyers\", \"description\": \"\","
                        + " \"rule\": {\"metric\": \"purchases.total\", \"op\": \"gte\", \"value\": 1000}}");
        define(
                "acme:broken",
                "{\"id\": \"broken\", \"name\": \"Broken\", \"description\": \"\","
                        + " \"rule\": {\"metric\": \"purchases.total\", \"op\": \"gte\", \"value\": 1e400}}");
        define("acme:new-customers", "{\"id\": \"new-customers\", \"deleted\": true}");

        sendAll(
                purchase("acme", "rich", START.minusSeconds(60), "1500", false),
                purchase("other", "rich", START.minusSeconds(60), "1500", false));
        List<SegmentChange> entered = readChanges();

        assertThat(entered)
                .filteredOn(change -> change.tenant().equals("acme"))
                .extracting(SegmentChange::segmentId)
                .contains("big-buyers")
                .doesNotContain("broken", "new-customers");
        assertThat(entered)
                .filteredOn(change -> change.tenant().equals("other"))
                .extracting(SegmentChange::segmentId)
                .contains("new-customers")
                .doesNotContain("big-buyers");

        List<TenantDefinitions.Listed> listed =
                TenantDefinitions.of(driver.getKeyValueStore(SegmentationTopology.DEFINITIONS), "acme");
        assertThat(listed)
                .extracting(TenantDefinitions.Listed::id)
                .contains("big-buyers", "broken", "vip")
                .doesNotContain("new-customers");
        assertThat(listed)
                .filteredOn(segment -> segment.id().equals("broken"))
                .singleElement()
                .satisfies(broken -> {
                    assertThat(broken.definition()).isNull();
                    assertThat(broken.failure()).contains("rule");
                });
        assertThat(listed)
                .filteredOn(segment -> segment.id().equals("vip"))
                .singleElement()
                .satisfies(vip -> assertThat(vip.builtIn()).isTrue());
        assertThat(TenantDefinitions.of(driver.getKeyValueStore(SegmentationTopology.DEFINITIONS), "other"))
                .extracting(TenantDefinitions.Listed::id)
                .contains("new-customers")
                .doesNotContain("big-buyers");

        definitions.pipeInput("acme:big-buyers", (byte[]) null);
        sendAll(purchase("acme", "rich-too", START.minusSeconds(30), "2000", false));
        assertThat(readChanges()).extracting(SegmentChange::segmentId).doesNotContain("big-buyers");
    }

    @Test
    void aNewSegmentIsBackfilledOverStoredCustomersABoundedNumberPerTickAndADeletedOneIsLeft() {
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                TimeChecks.Settings.DEFAULT,
                new Backfills.Settings(Duration.ofSeconds(1), 2, Duration.ofMinutes(1)),
                Duration.ofSeconds(5),
                replay(),
                null));
        sendAll(
                purchase("acme", "rich-1", START.minusSeconds(60), "1500", false),
                purchase("acme", "rich-2", START.minusSeconds(60), "1500", false),
                purchase("acme", "rich-3", START.minusSeconds(60), "1500", false),
                purchase("acme", "poor", START.minusSeconds(60), "10", false));
        readChanges();
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // a tick with nothing to backfill takes in those events

        behavior.readRecordsToList();
        define(
                "acme:big-buyers",
                "{\"id\": \"big-buyers\", \"name\": \"Big buyers\", \"description\": \"\","
                        + " \"rule\": {\"metric\": \"purchases.total\", \"op\": \"gte\", \"value\": 1000}}");
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // poor, rich-1
        List<SegmentChange> first = readChanges();
        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("backfilling", 4, 2));
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // rich-2, rich-3
        List<SegmentChange> second = readChanges();
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // nothing left
        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("active", 4, 4));
        assertThat(behavior.isEmpty())
                .as("a backfill that changes no customer's behavior writes no behavior record")
                .isTrue();
        assertThat(first).extracting(SegmentChange::customerId).containsExactly("rich-1");
        assertThat(second).extracting(SegmentChange::customerId).containsExactly("rich-2", "rich-3");
        assertThat(changes.isEmpty()).isTrue();
        assertThat(second).allSatisfy(change -> {
            assertThat(change.segmentId()).isEqualTo("big-buyers");
            assertThat(change.change()).isEqualTo(SegmentChange.Change.ENTERED);
            assertThat(change.cause()).isEqualTo("backfill");
        });

        definitions.pipeInput("acme:big-buyers", (byte[]) null);
        for (int tick = 0; tick < 3; tick++) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertThat(readChanges())
                .extracting(SegmentChange::customerId, SegmentChange::change, SegmentChange::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rich-1", SegmentChange.Change.EXITED, "segment-deleted"),
                        org.assertj.core.groups.Tuple.tuple("rich-2", SegmentChange.Change.EXITED, "segment-deleted"),
                        org.assertj.core.groups.Tuple.tuple("rich-3", SegmentChange.Change.EXITED, "segment-deleted"));
    }

    @Test
    void aRuleCountsTrackedInteractionsByTheirName() {
        start(RecentEventIds.Settings.DEFAULT);
        define(
                "acme:video-fans",
                "{\"id\": \"video-fans\", \"name\": \"Video fans\", \"description\": \"\", \"rule\":"
                        + " {\"event\": \"interaction.tracked\", \"where\": {\"name\": \"Video Played\"},"
                        + " \"within\": \"30d\", \"count\": {\"gte\": 2}}}");
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // the (empty) history is replayed
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        readChanges();

        sendAll(
                tracked("fan", "Video Played", START.minusSeconds(300)),
                tracked("fan", "Page Viewed", START.minusSeconds(200)),
                tracked("browser", "Video Played", START.minusSeconds(100)));
        assertThat(readChanges()).extracting(SegmentChange::segmentId).doesNotContain("video-fans");

        sendAll(tracked("fan", "Video Played", START.minusSeconds(60)));
        assertThat(readChanges())
                .filteredOn(change -> change.segmentId().equals("video-fans"))
                .extracting(SegmentChange::customerId, SegmentChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fan", SegmentChange.Change.ENTERED));
    }

    private static InteractionEvent tracked(String customerId, String name, Instant at) {
        return io.mosaic.segmentation.Events.event(
                "acme",
                customerId,
                "interaction.tracked",
                at,
                "'channel': 'app', 'properties': {'name': '" + name + "', 'kind': 'track'}");
    }

    @Test
    void aBackfillYieldsToTheEventsAppliedSinceItsLastTick() {
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                TimeChecks.Settings.DEFAULT,
                new Backfills.Settings(Duration.ofSeconds(1), 3, Duration.ofMinutes(1)),
                Duration.ofSeconds(5),
                replay(),
                null));
        sendAll(
                purchase("acme", "poor", START.minusSeconds(60), "10", false),
                purchase("acme", "rich-1", START.minusSeconds(60), "1500", false),
                purchase("acme", "rich-2", START.minusSeconds(60), "1500", false),
                purchase("acme", "rich-3", START.minusSeconds(60), "1500", false));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        readChanges();

        define(
                "acme:big-buyers",
                "{\"id\": \"big-buyers\", \"name\": \"Big buyers\", \"description\": \"\","
                        + " \"rule\": {\"metric\": \"purchases.total\", \"op\": \"gte\", \"value\": 1000}}");
        sendAll(
                purchase("acme", "zz-live", START.minusSeconds(30), "5", false),
                purchase("acme", "zz-live", START.minusSeconds(20), "5", false));
        readChanges();
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // two events since the last tick: 3 - 2 customers

        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("backfilling", 5, 1));
        assertThat(readChanges()).isEmpty(); // "poor" only

        driver.advanceWallClockTime(Duration.ofSeconds(1)); // no events: the whole budget
        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("backfilling", 5, 4));
        assertThat(readChanges()).extracting(SegmentChange::customerId).containsExactly("rich-1", "rich-2", "rich-3");

        for (int i = 0; i < 5; i++) {
            sendAll(purchase("acme", "zz-live", START.minusSeconds(10 - i), "5", false));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // more events than the budget: still one customer
        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("backfilling", 5, 5));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(status(java.util.Set.of())).isEqualTo(new SegmentStatus.Status("active", 5, 5));
    }

    @Test
    void rfmCutsComeFromThePartitionsHistogramsAndMovingCutsRescoreTheBuyers() throws IOException {
        start(RecentEventIds.Settings.DEFAULT);
        for (int i = 0; i < 10; i++) {
            for (int purchase = 0; purchase <= i; purchase++) { // b-9 buys most, spends most, and bought last
                sendAll(purchase(
                        "acme",
                        "b-" + i,
                        START.minus(Duration.ofDays(10 - i)).plusSeconds(purchase),
                        Integer.toString((i + 1) * 100),
                        false));
            }
        }
        assertThat(readChanges()).extracting(SegmentChange::segmentId).doesNotContain("vip");
        assertThat(stateOf("b-9").rfm).isNotNull();

        driver.advanceWallClockTime(Duration.ofSeconds(5)); // the task publishes its histogram
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // the moved cuts start a re-scoring
        List<SegmentChange> rescored = readChanges();

        assertThat(rescored)
                .filteredOn(change -> change.segmentId().equals("vip"))
                .extracting(SegmentChange::customerId, SegmentChange::change, SegmentChange::cause)
                .contains(org.assertj.core.groups.Tuple.tuple("b-9", SegmentChange.Change.ENTERED, "rfm"))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("b-0", SegmentChange.Change.ENTERED, "rfm"));
        assertThat(latestBehavior().get("b-9").at("/rfm/score").asInt()).isEqualTo(15);
        assertThat(driver.<String, Backfills.Job>getKeyValueStore(SegmentationTopology.BACKFILL_JOBS)
                        .get("acme"))
                .satisfies(job -> {
                    assertThat(job.cause()).isEqualTo("rfm");
                    assertThat(job.cursor()).as("finished").isNull();
                    assertThat(job.done()).isEqualTo(10);
                });

        for (int tick = 0; tick < 10; tick++) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertThat(changes.isEmpty()).as("unmoved cuts re-score nobody").isTrue();

        sendAll(purchase("acme", "b-0", START.minusSeconds(5), "100000", false)); // the cuts move at once
        readChanges();
        KeyValueStore<String, Backfills.Job> jobs = driver.getKeyValueStore(SegmentationTopology.BACKFILL_JOBS);
        io.mosaic.segmentation.behavior.RfmCuts cutsBefore = jobs.get("acme").cuts();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(jobs.get("acme").cuts()).as("a re-scoring a minute at most").isEqualTo(cutsBefore);
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        assertThat(jobs.get("acme").cuts()).isNotEqualTo(cutsBefore);
    }

    @Test
    void aBackfillKeepsItsPlaceInAStoreSoARestartedTaskResumesIt() {
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                TimeChecks.Settings.DEFAULT,
                new Backfills.Settings(Duration.ofSeconds(1), 2, Duration.ofMinutes(1)),
                Duration.ofHours(1),
                replay(),
                null));
        for (String customer : List.of("a", "b", "c", "d", "e")) {
            sendAll(message("acme", customer, START.minusSeconds(60), "chat"));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // a tick with nothing to backfill takes in those events
        define(
                "acme:chatters",
                "{\"id\": \"chatters\", \"name\": \"Chatters\", \"description\": \"\","
                        + " \"rule\": {\"metric\": \"channels.chat\", \"op\": \"gte\", \"value\": 1}}");
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        Backfills.Job job = driver.<String, Backfills.Job>getKeyValueStore(SegmentationTopology.BACKFILL_JOBS)
                .get("acme");
        assertThat(job.cause()).isEqualTo("backfill");
        assertThat(job.cursor()).isEqualTo("acme:b");
        assertThat(job.done()).isEqualTo(2);
    }

    private void pipeRaw(String key, byte[] value) {
        recorded.append(START.toEpochMilli(), key, value);
        interactions.pipeInput(key, value);
    }

    @Test
    void aNewEventConditionCountsTheHistoryBeforeItExactlyOnceAndWaitsUntilItHas() {
        start(new SegmentationTopology.Settings(
                RecentEventIds.Settings.DEFAULT,
                TimeChecks.Settings.DEFAULT,
                Backfills.Settings.DEFAULT,
                Duration.ofSeconds(5),
                replay(4),
                null));
        InteractionEvent resent = voucherPurchase("acme", "v-1", START.minus(Duration.ofDays(3)));
        sendAll(
                resent,
                resent, // a client's retry: counts once, in the replay too
                voucherPurchase("acme", "v-1", START.minus(Duration.ofDays(2))),
                voucherPurchase("acme", "v-2", START.minus(Duration.ofDays(1))),
                voucherPurchase("acme", "v-3", START.minus(Duration.ofDays(1))),
                merged("v-1", "v-3", START.minus(Duration.ofHours(20))), // v-3's voucher counts for v-1
                voucherPurchase("acme", "gone", START.minus(Duration.ofDays(1))),
                PlatformEvents.erasure("acme", "gone", START.minus(Duration.ofHours(1))));
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // the idle task notes what it counts
        readChanges();

        define(
                "acme:voucher-twice",
                "{\"id\": \"voucher-twice\", \"name\": \"Two vouchers\", \"description\": \"\", \"rule\":"
                        + " {\"event\": \"purchase.completed\", \"where\": {\"promotion.kind\": \"voucher\"},"
                        + " \"within\": \"30d\", \"count\": {\"gte\": 2}}}");
        sendAll(voucherPurchase(
                "acme", "v-2", START.minusSeconds(60))); // live from here: one replayed and this make two
        assertThat(readChanges())
                .as("not evaluated while its history is replayed")
                .extracting(SegmentChange::segmentId)
                .doesNotContain("voucher-twice");
        driver.advanceWallClockTime(Duration.ofMillis(1)); // nothing due yet: no tick
        java.util.Set<String> voucherSignature = java.util.Set.of(
                driver.<String, ConditionReplays.Replay>getKeyValueStore(SegmentationTopology.CONDITION_REPLAYS)
                        .all()
                        .next()
                        .value
                        .signature());
        assertThat(driver.<String, ConditionReplays.Replay>getKeyValueStore(SegmentationTopology.CONDITION_REPLAYS)
                        .all()
                        .next()
                        .value
                        .liveFrom())
                .isEqualTo(8);

        driver.advanceWallClockTime(Duration.ofSeconds(1)); // the replay reads offsets 0-3
        assertThat(status(voucherSignature).status()).isEqualTo("replaying");
        assertThat(status(java.util.Set.of("another")).status())
                .as("a segment without the replayed condition does not wait for it (its backfill is done)")
                .isEqualTo("active");
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // 4-7, then the tenant's customers here are backfilled
        assertThat(status(voucherSignature).status()).isEqualTo("active");
        List<SegmentChange> entered = readChanges();

        assertThat(entered)
                .filteredOn(change -> change.segmentId().equals("voucher-twice"))
                .extracting(SegmentChange::customerId)
                .containsExactlyInAnyOrder("v-1", "v-2");
        assertThat(conditionCount("v-1"))
                .as("two of v-1's, one of v-3's, the retry not")
                .isEqualTo(3);
        assertThat(conditionCount("v-2")).as("one replayed, one live").isEqualTo(2);
        assertThat(stateOf("gone")).isNull();
        assertThat(count(driver.getKeyValueStore(SegmentationTopology.CONDITION_REPLAYS)))
                .isZero();
        assertThat(count(driver.getKeyValueStore(SegmentationTopology.REPLAY_SEEN)))
                .isZero();
    }

    private long conditionCount(String customerId) {
        return stateOf(customerId).aggregate.conditions.values().stream()
                .flatMap(days -> days.values().stream())
                .mapToLong(io.mosaic.segmentation.behavior.Counter::count)
                .sum();
    }

    /** A segment of acme's status as the progress topic says, for the driver's one partition. */
    private SegmentStatus.Status status(java.util.Set<String> signatures) {
        String fingerprint = new DefinedSegments(
                        driver.getKeyValueStore(SegmentationTopology.DEFINITIONS),
                        driver.getKeyValueStore(SegmentationTopology.RFM_HISTOGRAM_TABLE),
                        new TableVersions())
                .catalogFingerprint("acme");
        return SegmentStatus.of(
                driver.getKeyValueStore(SegmentationTopology.PROGRESS_TABLE),
                "acme",
                fingerprint,
                signatures,
                java.util.Set.of(),
                1);
    }

    private static InteractionEvent livesIn(String customerId, String city, String gender, Instant at) {
        return event(
                "acme",
                customerId,
                "customer.identified",
                at,
                "'properties': {'traits': {'geographic': {'city': '" + city + "'}, 'demographic': {'gender': '" + gender
                        + "'}}}");
    }

    @Test
    void previewAndInsightsAreAnsweredFromTheCustomerStore() {
        start(RecentEventIds.Settings.DEFAULT);
        Instant tenDaysAgo = START.minus(Duration.ofDays(10));
        sendAll(
                livesIn("i-1", "Bandung", "female", tenDaysAgo),
                purchase("acme", "i-1", tenDaysAgo.plusSeconds(60), "100", false),
                livesIn("i-2", "Bandung", "female", tenDaysAgo),
                purchase("acme", "i-2", tenDaysAgo.plusSeconds(60), "300", false),
                livesIn("i-3", "Jakarta", "male", tenDaysAgo),
                livesIn("i-4", "Medan", "male", tenDaysAgo),
                consent("i-4", false, START.minusSeconds(10))); // withdrawn: not part of the base
        define(
                "acme:bandung-buyers",
                "{\"id\": \"bandung-buyers\", \"name\": \"Bandung buyers\", \"description\": \"\", \"rule\":"
                        + " {\"all\": [{\"trait\": \"geographic.city\", \"op\": \"eq\", \"value\": \"Bandung\"},"
                        + " {\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1}]}}");
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // backfilled
        KeyValueStore<String, CustomerState> states = driver.getKeyValueStore(SegmentationTopology.CUSTOMER_STATES);

        var tally = StateQueries.tally(
                states, "acme", "bandung-buyers", io.mosaic.segmentation.behavior.RfmCuts.NONE, START);
        var insights = StateQueries.report("bandung-buyers", tally);
        assertThat(insights.size()).isEqualTo(2);
        assertThat(insights.baseSize()).isEqualTo(3);
        assertThat(insights.share()).isEqualByComparingTo("0.6667");
        assertThat(insights.traits().get("geographic.city").get(0)).satisfies(top -> {
            assertThat(top.value()).isEqualTo("Bandung");
            assertThat(top.share()).isEqualByComparingTo("1");
            assertThat(top.baseShare()).isEqualByComparingTo("0.6667");
        });
        assertThat(insights.behavior().get("purchases.total").segment()).isEqualByComparingTo("200");
        assertThat(insights.behavior().get("purchases.count").base()).isEqualByComparingTo("1");
        // Two instances' shares add up: the same customers twice double the counts and keep shares and medians.
        var both = StateQueries.report("bandung-buyers", tally.merge(tally));
        assertThat(both.size()).isEqualTo(4);
        assertThat(both.baseSize()).isEqualTo(6);
        assertThat(both.share()).isEqualByComparingTo("0.6667");
        assertThat(both.traits()).isEqualTo(insights.traits());
        assertThat(both.behavior()).isEqualTo(insights.behavior());

        var rule = io.mosaic.segmentation.rules.RuleParser.parse(
                        io.mosaic.segmentation.Events.json("{'metric': 'purchases.total', 'op': 'gte', 'value': 200}"))
                .rule();
        var draft = new io.mosaic.segmentation.segments.SegmentDefinition("preview", "preview", "", null, rule);
        assertThat(StateQueries.preview(states, "acme", draft, io.mosaic.segmentation.behavior.RfmCuts.NONE, START, 20))
                .isEqualTo(new StateQueries.Preview(1, List.of("i-2")));
        assertThat(StateQueries.merge(
                        new StateQueries.Preview(2, List.of("b", "d")), new StateQueries.Preview(1, List.of("a")), 2))
                .isEqualTo(new StateQueries.Preview(3, List.of("a", "b")));
    }

    private void define(String key, String json) {
        definitions.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static InteractionEvent merged(String survivor, String absorbed, Instant at) {
        return event("acme", survivor, "customer.merged", at, "'properties': {'mergedCustomerId': '" + absorbed + "'}");
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
