package io.mosaic.segmentation.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(io.mosaic.testing.FreshStateDirectory.class)
class MembershipSinkTest extends SegmentationTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Inject
    MembershipSink sink;

    @Inject
    io.mosaic.segmentation.persistence.MembershipStore memberships;

    private long offset;

    private ConsumerRecord<String, byte[]> change(String customer, String segment, boolean entered, int minute)
            throws IOException {
        return change(customer, segment, entered, T0.plus(minute, ChronoUnit.MINUTES));
    }

    private ConsumerRecord<String, byte[]> change(String customer, boolean entered, Instant at) throws IOException {
        return change(customer, "vip", entered, at);
    }

    private ConsumerRecord<String, byte[]> change(String customer, String segment, boolean entered, Instant at)
            throws IOException {
        SegmentChange change = new SegmentChange(
                tenant,
                customer,
                segment,
                segment,
                entered ? SegmentChange.Change.ENTERED : SegmentChange.Change.EXITED,
                at,
                "test");
        return new ConsumerRecord<>(
                "mosaic.segment-changes",
                0,
                offset++,
                tenant + ":" + customer,
                EventJson.mapper().writeValueAsBytes(change));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> members(String segment) {
        List<Map<String, String>> items = api().get("/v1/segments/" + segment + "/members")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, String> since = new java.util.TreeMap<>();
        items.forEach(item -> since.put(item.get("customerId"), item.get("since")));
        return since;
    }

    @Test
    void onlyTheLastChangeOfACustomerAndSegmentInABatchCountsAndABatchAppliedTwiceChangesNothing() throws IOException {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(List.of(
                change("a", "vip", true, 1),
                change("a", "vip", false, 2),
                change("a", "vip", true, 3), // in again: since the last entry
                change("b", "vip", true, 1),
                change("b", "vip", false, 4), // out by the end of the batch
                change("c", "vip", true, 5),
                change("c", "new-customers", true, 5)));
        batch.add(new ConsumerRecord<>(
                "mosaic.segment-changes", 0, offset++, tenant + ":x", "{not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(sink.apply(batch)).isEqualTo(7);
        Map<String, String> vip = members("vip");
        assertThat(vip).containsOnlyKeys("a", "c");
        assertThat(Instant.parse(vip.get("a"))).isEqualTo(T0.plus(3, ChronoUnit.MINUTES));
        assertThat(members("new-customers")).containsOnlyKeys("c");

        sink.apply(batch); // redelivered after a crash before the offsets were committed
        assertThat(members("vip")).isEqualTo(vip);

        sink.apply(List.of(change("c", "vip", false, 6)));
        assertThat(members("vip")).containsOnlyKeys("a");
    }

    @Test
    void eachDayCountsTheMembersReallyAddedAndRemovedAndSizesFollowFromToday() throws IOException {
        LocalDate today = LocalDate.of(2026, 12, 1);
        Instant twoDaysAgo = Instant.parse("2026-11-29T08:00:00Z");
        Instant yesterday = Instant.parse("2026-11-30T23:59:00Z");
        Instant now = Instant.parse("2026-12-01T00:01:00Z");
        List<ConsumerRecord<String, byte[]>> first =
                List.of(change("a", true, twoDaysAgo), change("b", true, twoDaysAgo), change("c", true, twoDaysAgo));
        sink.apply(first);
        sink.apply(first); // redelivered: nobody joins twice
        sink.apply(List.of(
                change("a", false, yesterday),
                change("d", true, yesterday),
                change("z", false, yesterday))); // z was never in: no exit
        sink.apply(List.of(
                change("b", false, now),
                change("e", true, now),
                change("f", true, now.plus(1, ChronoUnit.DAYS)))); // a clock ahead: counted with today

        assertThat(memberships.history(tenant, "vip", today, 4))
                .containsExactly(
                        new io.mosaic.segmentation.persistence.MembershipStore.Day(LocalDate.of(2026, 11, 28), 0, 0, 0),
                        new io.mosaic.segmentation.persistence.MembershipStore.Day(LocalDate.of(2026, 11, 29), 3, 3, 0),
                        new io.mosaic.segmentation.persistence.MembershipStore.Day(LocalDate.of(2026, 11, 30), 3, 1, 1),
                        new io.mosaic.segmentation.persistence.MembershipStore.Day(today, 4, 2, 1));
        assertThat(memberships.history(tenant, "vip", today, 1))
                .containsExactly(new io.mosaic.segmentation.persistence.MembershipStore.Day(today, 4, 2, 1));
    }

    @Test
    void theHistoryEndpointAnswersTheDaysAskedForWithinItsBounds() throws IOException {
        sink.apply(List.of(change("a", true, Instant.now()), change("b", true, Instant.now())));

        api().get("/v1/segments/vip/history?days=3")
                .then()
                .statusCode(200)
                .body("segmentId", org.hamcrest.Matchers.equalTo("vip"))
                .body("days", org.hamcrest.Matchers.equalTo(3))
                .body("items.size()", org.hamcrest.Matchers.equalTo(3))
                .body("items[2].size", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].day", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}"));
        api().get("/v1/segments/vip/history")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(90));
        for (String days : List.of("0", "401", "x", "-1")) {
            api().get("/v1/segments/vip/history?days=" + days)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("days"));
        }
        api().get("/v1/segments/nope/history").then().statusCode(404);
    }
}
