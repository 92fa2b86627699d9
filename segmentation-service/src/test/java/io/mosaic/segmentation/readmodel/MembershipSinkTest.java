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

    private long offset;

    private ConsumerRecord<String, byte[]> change(String customer, String segment, boolean entered, int minute)
            throws IOException {
        SegmentChange change = new SegmentChange(
                tenant,
                customer,
                segment,
                segment,
                entered ? SegmentChange.Change.ENTERED : SegmentChange.Change.EXITED,
                T0.plus(minute, ChronoUnit.MINUTES),
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
}
