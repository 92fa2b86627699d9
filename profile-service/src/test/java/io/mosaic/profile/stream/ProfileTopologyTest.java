package io.mosaic.profile.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.profile.readmodel.ProfileDocument;
import io.mosaic.testing.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profile topology record by record, with Kafka Streams' test driver (merge decisions loop back as input). */
class ProfileTopologyTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final ProfileTopology.Topics TOPICS = ProfileTopology.Topics.suffixed("test");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> interactions;
    private TestInputTopic<String, byte[]> behavior;
    private TestOutputTopic<String, byte[]> deadLetters;
    private final List<String> mergeDecisions = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "profile-test");
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("profile-topology").toString());
        MergePolicy policy = new MergePolicy(3, List.of("unknown"), List.of("example.com"), List.of("noreply"));
        ProfileTopology.Listener listener = new ProfileTopology.Listener() {
            @Override
            public void mergeDecided() {
                mergeDecisions.add("merge");
            }
        };
        driver = new TopologyTestDriver(
                ProfileTopology.build(
                        TOPICS, new ProfileTopology.Settings(policy, Duration.ofDays(7), 3, listener, null)),
                settings,
                START);
        interactions = driver.createInputTopic(
                TOPICS.interactions(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        behavior = driver.createInputTopic(
                TOPICS.customerBehavior(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        deadLetters = driver.createOutputTopic(
                TOPICS.deadLetters(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(InteractionEvent... events) {
        for (InteractionEvent event : events) {
            interactions.pipeInput(event.key(), EventJson.toBytes(event));
        }
    }

    private static InteractionEvent identified(String customerId, Instant at, String identifiers, String traits) {
        return TestEvents.event(
                "acme",
                customerId,
                "customer.identified",
                at,
                (identifiers.isEmpty() ? "" : "'identifiers': {" + identifiers + "}, ") + "'properties': {'traits': {"
                        + traits + "}}");
    }

    /** The document the read model renders from the customer's state; null when it has no profile. */
    private JsonNode document(String customerId) throws IOException {
        ProfileState state = profiles().get("acme:" + customerId);
        return state == null || !state.isProfile()
                ? null
                : EventJson.mapper().readTree(ProfileDocument.render(customerId, state));
    }

    private KeyValueStore<String, ProfileState> profiles() {
        return driver.getKeyValueStore(ProfileTopology.PROFILES);
    }

    /** The keys the read model finds the customer's profile by, as {@code kind:value}. */
    private List<String> lookups(String customerId) {
        ProfileState state = profiles().get("acme:" + customerId);
        return state == null || !state.isProfile()
                ? List.of()
                : ProfileDocument.lookupKeys(customerId, state).stream()
                        .map(key -> key[0] + ":" + key[1])
                        .toList();
    }

    private List<String> timelineKeys(String customerId) {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, byte[]> timeline = driver.getKeyValueStore(ProfileTopology.TIMELINE);
        try (KeyValueIterator<String, byte[]> all = timeline.all()) {
            all.forEachRemaining(entry -> {
                if (TimelineEntries.split(entry.key)[0].equals("acme:" + customerId)) {
                    keys.add(entry.key);
                }
            });
        }
        return keys;
    }

    @Test
    void anEventBecomesADocumentFoundByEachIdentifier() throws IOException {
        send(identified(
                "c-1",
                START,
                "'email': 'Rina@tokoku.id', 'whatsapp': '+628129876501', 'externalIds': {'shop': 'S-1'}",
                "'geographic': {'city': 'Bandung'}"));

        JsonNode profile = document("c-1");
        assertThat(profile.path("traits").path("geographic").path("city").asText())
                .isEqualTo("Bandung");
        assertThat(profile.path("identifiers").path("emails").get(0).asText()).isEqualTo("rina@tokoku.id");
        assertThat(profile.path("identifiers")
                        .path("externalIds")
                        .path("shop")
                        .get(0)
                        .asText())
                .isEqualTo("S-1");
        assertThat(profile.path("consent").path("profiling").asBoolean()).isTrue();
        assertThat(profile.path("version").asLong()).isEqualTo(1);
        assertThat(lookups("c-1"))
                .containsExactlyInAnyOrder(
                        "id:c-1", "email:rina@tokoku.id", "whatsapp:+628129876501", "external:shop:S-1");
        assertThat(timelineKeys("c-1")).hasSize(1);
    }

    @Test
    void aRetriedEventIdChangesNothing() throws IOException {
        InteractionEvent event = identified("c-2", START, "", "'geographic': {'city': 'Medan'}");
        send(event, event);

        assertThat(document("c-2").path("version").asLong()).isEqualTo(1);
        assertThat(timelineKeys("c-2")).hasSize(1);
    }

    @Test
    void aSecondCustomerPresentingAnEmailIsMergedIntoTheFirstSeenOnce() throws IOException {
        send(identified(
                "a", START.minus(Duration.ofDays(10)), "'email': 'sari@tokoku.id'", "'geographic': {'city': 'Bogor'}"));
        send(identified(
                "b",
                START,
                "'email': 'sari@tokoku.id', 'phone': '+628120000111'",
                "'demographic': {'gender': 'female'}"));
        send(identified("b", START.plusSeconds(1), "'email': 'sari@tokoku.id'", ""));

        assertThat(mergeDecisions).hasSize(1);
        JsonNode survivor = document("a");
        assertThat(survivor.path("mergedCustomerIds").get(0).asText()).isEqualTo("b");
        assertThat(survivor.path("traits").path("demographic").path("gender").asText())
                .isEqualTo("female");
        assertThat(survivor.path("identifiers").path("phones").get(0).asText()).isEqualTo("+628120000111");
        assertThat(document("b")).isNull();
        assertThat(lookups("b")).isEmpty();
        assertThat(lookups("a")).contains("id:a", "id:b", "phone:+628120000111");
        assertThat(timelineKeys("a")).hasSize(3);
        assertThat(timelineKeys("b")).isEmpty();
    }

    @Test
    void mergesChainAndMayArriveBeforeTheAbsorbedCustomersEvents() throws IOException {
        send(identified("x", START.minus(Duration.ofDays(1)), "", "'geographic': {'city': 'Surabaya'}"));
        send(merged("y", "z"), merged("x", "y"));
        send(identified(
                "z",
                START.minus(Duration.ofDays(2)),
                "'externalIds': {'zendesk': '42'}",
                "'demographic': {'occupation': 'nurse'}"));

        JsonNode survivor = document("x");
        assertThat(survivor.path("mergedCustomerIds").toString()).isEqualTo("[\"y\",\"z\"]");
        assertThat(survivor.path("traits")
                        .path("demographic")
                        .path("occupation")
                        .asText())
                .isEqualTo("nurse");
        assertThat(survivor.path("firstSeenAt").asText())
                .isEqualTo(START.minus(Duration.ofDays(2)).toString());
        assertThat(lookups("x")).contains("id:y", "id:z", "external:zendesk:42");
    }

    @Test
    void anIdentifierPresentedByMoreThanTheLimitMergesNothingMore() throws IOException {
        for (int i = 1; i <= 4; i++) {
            send(identified("f-" + i, START.minus(Duration.ofDays(5 - i)), "'phone': '+628170000999'", ""));
        }

        assertThat(mergeDecisions).hasSize(2);
        assertThat(document("f-1").path("mergedCustomerIds").toString()).isEqualTo("[\"f-2\",\"f-3\"]");
        assertThat(document("f-4").path("mergedCustomerIds").size()).isZero();
    }

    @Test
    void placeholderIdentifiersAreNeitherRecordedNorClaimed() throws IOException {
        send(identified("p-1", START, "'email': 'noreply@tokoku.id', 'phone': '+620000000000'", ""));
        send(identified("p-2", START, "'email': 'noreply@tokoku.id', 'phone': '+620000000000'", ""));

        assertThat(mergeDecisions).isEmpty();
        assertThat(lookups("p-1")).containsExactly("id:p-1");
    }

    @Test
    void erasureRemovesTheCustomerAndItsAliasesEverywhereAndAReplayStaysErased() throws IOException {
        InteractionEvent history = identified(
                "e-1", START.minus(Duration.ofDays(5)), "'email': 'gone@tokoku.id'", "'geographic': {'city': 'Solo'}");
        send(history, identified("e-2", START.minus(Duration.ofDays(4)), "", "'geographic': {'city': 'Depok'}"));
        send(merged("e-1", "e-2"));
        behavior.pipeInput(
                "acme:e-1",
                ("{\"asOf\": \"" + START + "\", \"behavior\": {\"purchases\": {\"count\": 1}}}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(document("e-1")
                        .path("behavior")
                        .path("purchases")
                        .path("count")
                        .asInt())
                .isEqualTo(1);

        send(io.mosaic.events.PlatformEvents.erasure("acme", "e-1", START));

        assertThat(document("e-1")).isNull();
        assertThat(lookups("e-1")).isEmpty();
        assertThat(timelineKeys("e-1")).isEmpty();
        KeyValueStore<String, ProfileState> profiles = driver.getKeyValueStore(ProfileTopology.PROFILES);
        assertThat(profiles.get("acme:e-1")).isNull();
        assertThat(profiles.get("acme:e-2")).isNull();
        KeyValueStore<String, ClaimHolders> claims = driver.getKeyValueStore(ProfileTopology.CLAIMS);
        assertThat(claims.approximateNumEntries()).isZero();

        send(identified("e-1", history.occurredAt(), "'email': 'gone@tokoku.id'", "'geographic': {'city': 'Solo'}"));
        send(identified("e-2", START.minus(Duration.ofDays(4)), "", ""));
        assertThat(document("e-1")).isNull();
        assertThat(document("e-2")).isNull();
    }

    /**
     * A merge on its way when the survivor is erased (the erasure did not know the absorbed id yet): what arrives
     * after the erasure, the absorbed state and the absorbed id's events passed on, is erased with it.
     */
    @Test
    void aMergeArrivingAfterTheSurvivorsErasureIsErasedToo() throws IOException {
        send(identified(
                "s-1", START.minus(Duration.ofDays(3)), "'email': 's1@tokoku.id'", "'geographic': {'city': 'Solo'}"));
        InteractionEvent absorbedEvent = identified(
                "s-2", START.minus(Duration.ofDays(2)), "'phone': '+628125550123'", "'geographic': {'city': 'Depok'}");
        send(absorbedEvent);
        ProfileState absorbed = driver.<String, ProfileState>getKeyValueStore(ProfileTopology.PROFILES)
                .get("acme:s-2");
        send(io.mosaic.events.PlatformEvents.erasure("acme", "s-1", START));

        TestInputTopic<String, byte[]> handovers = driver.createInputTopic(
                TOPICS.handovers(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        handovers.pipeInput(
                "acme:s-1",
                io.mosaic.streams.SmileSerde.mapper()
                        .writeValueAsBytes(ProfileHandover.event(EventJson.toBytes(absorbedEvent), 1)));
        assertThat(document("s-1"))
                .as("an event passed on to the erased survivor")
                .isNull();
        handovers.pipeInput(
                "acme:s-1",
                io.mosaic.streams.SmileSerde.mapper()
                        .writeValueAsBytes(ProfileHandover.absorb("s-2", absorbed, List.of())));

        assertThat(document("s-1")).isNull();
        assertThat(document("s-2")).isNull();
        KeyValueStore<String, ProfileState> profiles = driver.getKeyValueStore(ProfileTopology.PROFILES);
        assertThat(profiles.get("acme:s-1")).isNull();
        assertThat(profiles.get("acme:s-2"))
                .as("the absorbed id is erased with it")
                .isNull();
        send(identified("s-2", START.minus(Duration.ofDays(1)), "", "'geographic': {'city': 'Depok'}"));
        assertThat(document("s-2")).as("its past replayed stays erased").isNull();
    }

    /**
     * A replay: segmentation, behind the profile topology, publishes the erased survivor's summary stamped with its
     * own clock, after the erasure; it must not give the merge arriving next a living survivor to land in.
     */
    @Test
    void aSummaryStampedAfterTheErasureDoesNotGiveALateMergeASurvivor() throws IOException {
        send(identified("r-1", START.minus(Duration.ofDays(3)), "", "'geographic': {'city': 'Solo'}"));
        send(identified("r-2", START.minus(Duration.ofDays(2)), "", "'geographic': {'city': 'Depok'}"));
        ProfileState absorbed = profiles().get("acme:r-2");
        send(io.mosaic.events.PlatformEvents.erasure("acme", "r-1", START));
        behavior.pipeInput(
                "acme:r-1",
                ("{\"asOf\": \"" + START.plusSeconds(5) + "\", \"behavior\": {\"purchases\": {\"count\": 1}}}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(profiles().get("acme:r-1").isProfile()).isFalse();
        behavior.pipeInput("acme:r-1", null); // segmentation's own erasure, later
        assertThat(profiles().get("acme:r-1")).as("what the summary left of it").isNull();
        behavior.pipeInput(
                "acme:r-1",
                ("{\"asOf\": \"" + START.plusSeconds(6) + "\", \"behavior\": {\"purchases\": {\"count\": 1}}}")
                        .getBytes(StandardCharsets.UTF_8)); // and in again, still ahead of its erasure
        driver.createInputTopic(
                        TOPICS.handovers(),
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput(
                        "acme:r-1",
                        io.mosaic.streams.SmileSerde.mapper()
                                .writeValueAsBytes(ProfileHandover.absorb("r-2", absorbed, List.of())));

        assertThat(document("r-1")).as("the erased survivor").isNull();
        assertThat(profiles().get("acme:r-1"))
                .as("what segmentation's summary left of it")
                .isNull();
        assertThat(profiles().get("acme:r-2"))
                .as("the absorbed id is erased with it")
                .isNull();
    }

    @Test
    void theTimelineKeepsTheNewestEntriesUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            send(TestEvents.event("acme", "t-1", "message.received", START.minusSeconds(i), "'channel': 'chat'"));
        }

        List<String> kept = timelineKeys("t-1");
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0)).contains(TimelineEntries.position(START.minusSeconds(2), ""));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersAndThePartitionMovesOn() throws IOException {
        interactions.pipeInput("acme:bad", "{not json".getBytes(StandardCharsets.UTF_8));
        behavior.pipeInput("acme:c-9", "{\"asOf\": 1}".getBytes(StandardCharsets.UTF_8));
        send(identified("c-9", START, "", "'geographic': {'city': 'Batam'}"));

        List<KeyValue<String, byte[]>> letters = deadLetters.readKeyValuesToList();
        assertThat(letters).extracting(letter -> letter.key).containsExactly("acme:bad", "acme:c-9");
        assertThat(document("c-9")).isNotNull();
    }

    private static InteractionEvent merged(String survivor, String absorbed) {
        InteractionEvent merge = TestEvents.event(
                "acme", survivor, "customer.merged", START, "'properties': {'mergedCustomerId': '" + absorbed + "'}");
        assertThat(merge.propertiesAs(CustomerMerged.class).mergedCustomerId()).isEqualTo(absorbed);
        return merge;
    }
}
