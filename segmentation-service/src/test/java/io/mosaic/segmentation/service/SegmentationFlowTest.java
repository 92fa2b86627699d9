package io.mosaic.segmentation.service;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.CustomerBehavior;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Topics;
import io.mosaic.segmentation.MutableClock;
import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.EventLog;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The service end to end on the embedded broker and database: events in, segment changes and summaries out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FreshStateDirectory.class)
class SegmentationFlowTest extends SegmentationTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MutableClock clock;

    private Instant daysAgo(double days) {
        return clock.instant().minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    private Optional<JsonNode> summary(String customerId) {
        return behavior(customerId);
    }

    private JsonNode awaitSummary(String customerId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(TIMEOUT)
                .until(() -> summary(customerId), found -> found.isPresent() && condition.test(found.get()))
                .orElseThrow();
    }

    private List<String> members(String segment) {
        return api().get("/v1/segments/" + segment + "/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.customerId");
    }

    @Test
    void eventsMoveCustomersIntoSegmentsAndChangesArePublished() throws Exception {
        EventLog.publish(
                kafka,
                purchase(tenant, "c-1", daysAgo(3), "100", true),
                purchase(tenant, "c-1", daysAgo(2), "100", true),
                purchase(tenant, "c-1", daysAgo(1), "100", true));

        List<SegmentChange> changes = awaitChanges("c-1", 2);

        assertThat(changes).extracting(SegmentChange::segmentId).contains("new-customers", "flash-sale-hunters");
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.change()).isEqualTo(SegmentChange.Change.ENTERED);
            assertThat(change.tenant()).isEqualTo(tenant);
        });
        // the RFM timer may also put the tenant's only buyer into vip meanwhile: that entry's cause is rfm
        assertThat(changes)
                .filteredOn(change -> !change.segmentId().equals("vip"))
                .extracting(SegmentChange::cause)
                .containsOnly("event:purchase.completed");
        // The membership table follows the changes topic through the sink, within about a second.
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(members("flash-sale-hunters")).containsExactly("c-1"));
        ConsumerRecord<String, String> behavior = TopicRecords.awaitOne(
                kafka,
                Topics.CUSTOMER_BEHAVIOR,
                record -> record.key().equals(tenant + ":c-1") && record.value().contains("\"count\":3"));
        CustomerBehavior published = EventJson.mapper().readValue(behavior.value(), CustomerBehavior.class);
        assertThat(published.tenant()).isEqualTo(tenant);
        assertThat(published.customerId()).isEqualTo("c-1");
        assertThat(published.asOf()).isNotNull();
        assertThat(published.behavior().at("/flashSalePurchases90d").asInt()).isEqualTo(3);
    }

    @Test
    void aRepeatedEventIdCountsOnceEvenWhenSentAgainLater() {
        InteractionEvent first = purchase(tenant, "c-2", daysAgo(1), "50", false);
        EventLog.publish(kafka, first, first); // a client retry: the same eventId twice
        awaitSummary("c-2", s -> s.at("/purchases/count").asInt() == 1);

        EventLog.publish(kafka, first, message(tenant, "c-2", daysAgo(0), "chat")); // and once more, later
        JsonNode after = awaitSummary("c-2", s -> s.at("/channels/chat").asInt() == 1);

        assertThat(after.at("/purchases/count").asInt()).isEqualTo(1);
        assertThat(after.at("/purchases/total").decimalValue()).isEqualByComparingTo("50");
    }

    @Test
    void aMergeGivesTheSameResultBeforeOrAfterTheAbsorbedCustomersEvents() {
        InteractionEvent mergeEarly = event(
                tenant, "early-a", "customer.merged", daysAgo(5), "'properties': {'mergedCustomerId': 'early-b'}");
        EventLog.publish(kafka, mergeEarly);
        EventLog.publish(
                kafka,
                purchase(tenant, "early-a", daysAgo(4), "10", false),
                purchase(tenant, "early-b", daysAgo(3), "20", true),
                message(tenant, "early-b", daysAgo(2), "whatsapp"));

        EventLog.publish(
                kafka,
                purchase(tenant, "late-a", daysAgo(4), "10", false),
                purchase(tenant, "late-b", daysAgo(3), "20", true),
                message(tenant, "late-b", daysAgo(2), "whatsapp"));
        awaitSummary("late-b", s -> s.at("/channels/whatsapp").asInt() == 1);
        EventLog.publish(
                kafka,
                event(tenant, "late-a", "customer.merged", daysAgo(1), "'properties': {'mergedCustomerId': 'late-b'}"));

        JsonNode early = awaitSummary(
                "early-a",
                s -> s.at("/purchases/count").asInt() == 2
                        && s.at("/channels/whatsapp").asInt() == 1);
        JsonNode late = awaitSummary("late-a", s -> s.at("/purchases/count").asInt() == 2);
        await().atMost(TIMEOUT).until(() -> summary("late-b").isEmpty());
        assertThat(summary("early-b")).isEmpty();
        for (String field : List.of(
                "/purchases/total", "/purchases/count", "/flashSalePurchases90d", "/preferredChannel", "/channels")) {
            assertThat(late.at(field)).as(field).isEqualTo(early.at(field));
        }
    }

    @Test
    void mergeChainsResolveToTheFirstSurvivor() {
        EventLog.publish(
                kafka,
                event(
                        tenant,
                        "chain-b",
                        "customer.merged",
                        daysAgo(3),
                        "'properties': {'mergedCustomerId': 'chain-c'}"),
                event(
                        tenant,
                        "chain-a",
                        "customer.merged",
                        daysAgo(2),
                        "'properties': {'mergedCustomerId': 'chain-b'}"));
        EventLog.publish(kafka, purchase(tenant, "chain-c", daysAgo(1), "5", false));

        awaitSummary("chain-a", s -> s.at("/purchases/count").asInt() == 1);
        assertThat(summary("chain-c")).isEmpty();
    }

    @Test
    void withdrawingProfilingConsentClearsBehaviorAndMemberships() {
        EventLog.publish(kafka, message(tenant, "c-3", daysAgo(1), "chat"));
        assertThat(awaitChanges("c-3", 1).get(0).segmentId()).isEqualTo("new-customers");

        EventLog.publish(
                kafka,
                event(
                        tenant,
                        "c-3",
                        "consent.updated",
                        daysAgo(0.5),
                        "'properties': {'purpose': 'profiling', 'granted': false}"),
                message(tenant, "c-3", daysAgo(0.4), "chat"));

        List<SegmentChange> changes = awaitChanges("c-3", 2);
        assertThat(changes.get(1).change()).isEqualTo(SegmentChange.Change.EXITED);
        assertThat(changes.get(1).cause()).isEqualTo("consent");
        await().atMost(TIMEOUT).until(() -> summary("c-3").isEmpty());

        EventLog.publish(
                kafka,
                event(
                        tenant,
                        "c-3",
                        "consent.updated",
                        daysAgo(0.3),
                        "'properties': {'purpose': 'profiling', 'granted': true}"),
                message(tenant, "c-3", daysAgo(0.2), "email"));
        JsonNode after = awaitSummary("c-3", s -> true);
        assertThat(after.at("/channels").size()).isEqualTo(1);
        assertThat(after.at("/channels/email").asInt()).isEqualTo(1);
    }

    @Test
    void erasureDeletesEverythingAndAReplayDoesNotBringItBack() {
        InteractionEvent history = purchase(tenant, "c-4", daysAgo(2), "70", true);
        EventLog.publish(kafka, history);
        awaitSummary("c-4", s -> true);
        await().atMost(TIMEOUT).until(() -> members("new-customers").contains("c-4"));

        EventLog.publish(kafka, PlatformEvents.erasure(tenant, "c-4", clock.instant()));
        await().atMost(TIMEOUT).until(() -> summary("c-4").isEmpty());
        await().atMost(TIMEOUT).until(() -> !members("new-customers").contains("c-4"));

        InteractionEvent replayed = purchase(tenant, "c-4", daysAgo(2), "70", true); // the same history, re-sent
        EventLog.publish(kafka, replayed, message(tenant, "c-5", daysAgo(0), "chat"));
        awaitSummary("c-5", s -> true); // the later event was processed, so the replay was too
        assertThat(summary("c-4")).isEmpty();
    }

    @Test
    void aNewCustomerLeavesNewCustomersThirtyDaysLaterWithoutAnEvent() {
        EventLog.publish(kafka, message(tenant, "c-6", daysAgo(29.9), "chat"));
        assertThat(awaitChanges("c-6", 1).get(0).segmentId()).isEqualTo("new-customers");

        clock.advance(Duration.ofHours(3));
        try {
            SegmentChange exit = awaitChanges("c-6", 2).get(1);
            assertThat(exit.segmentId()).isEqualTo("new-customers");
            assertThat(exit.change()).isEqualTo(SegmentChange.Change.EXITED);
            assertThat(exit.cause()).isEqualTo("time");
        } finally {
            clock.advance(Duration.ofHours(-3)); // later tests send events as of the clock
        }
    }

    @Test
    void aPoisonRecordGoesToTheDlqAndThePartitionMovesOn() {
        String key = tenant + ":c-7";
        EventLog.publishRaw(kafka, key, "{\"this is\": \"not an event\"");
        EventLog.publish(kafka, message(tenant, "c-7", daysAgo(0), "chat"));

        ConsumerRecord<String, String> letter =
                TopicRecords.awaitOne(kafka, Topics.INTERACTIONS_DLQ, record -> key.equals(record.key()));
        assertThat(TopicRecords.header(letter, "dlq-error-class"))
                .hasValueSatisfying(v -> assertThat(v).contains("MalformedEvent"));
        assertThat(TopicRecords.header(letter, "dlq-original-topic")).contains(Topics.INTERACTIONS);
        awaitSummary("c-7", s -> s.at("/channels/chat").asInt() == 1);
    }
}
