package io.mosaic.segmentation.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviorJsonTest {
    private static final Instant AT = Instant.parse("2026-11-30T12:00:00.120Z");

    private static JsonNode mapperJson(BehaviorSummary summary) throws Exception {
        return EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(summary));
    }

    private static JsonNode handWritten(BehaviorSummary summary) throws Exception {
        return EventJson.mapper().readTree(BehaviorJson.of(summary));
    }

    @Test
    void aFullSummaryIsWrittenAsTheMapperWritesIt() throws Exception {
        BehaviorSummary.Window window = new BehaviorSummary.Window(2, new BigDecimal("1.5E+3"));
        BehaviorSummary full = new BehaviorSummary(
                AT,
                AT.plusSeconds(86_400),
                new BehaviorSummary.Purchases(3, new BigDecimal("380.50"), "IDR", window, window, window, AT),
                new BehaviorSummary.Rfm(12L, 3, new BigDecimal("99.999"), 4),
                "whatsapp",
                Map.of("whatsapp", 3, "email", 1, "chat", 1),
                new BehaviorSummary.Tickets(1, 2, 1),
                new BehaviorSummary.Csat(new BigDecimal("2.50"), 2),
                new BehaviorSummary.Nps(9, "promoter"),
                new BehaviorSummary.Promotions(4, 1, new BigDecimal("0.250")),
                2,
                "gold",
                "low");

        assertThat(handWritten(full)).isEqualTo(mapperJson(full));
        assertThat(new String(BehaviorJson.of(full), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"channels\":{\"chat\":1,\"email\":1,\"whatsapp\":3}") // in name order
                .contains("\"total\":1.5E+3");
    }

    @Test
    void absentValuesAreLeftOutAsTheMapperLeavesThemOut() throws Exception {
        BehaviorSummary sparse = new BehaviorSummary(
                null,
                AT,
                new BehaviorSummary.Purchases(0, BigDecimal.ZERO, null, null, null, null, null),
                new BehaviorSummary.Rfm(null, 0, BigDecimal.ZERO, null),
                null,
                Map.of(),
                new BehaviorSummary.Tickets(0, 0, 0),
                new BehaviorSummary.Csat(null, 0),
                new BehaviorSummary.Nps(null, null),
                new BehaviorSummary.Promotions(0, 0, null),
                0,
                null,
                null);

        assertThat(handWritten(sparse)).isEqualTo(mapperJson(sparse));
        assertThat(handWritten(sparse).has("firstSeenAt")).isFalse();
    }

    @Test
    void summariesOfRealHistoriesMatchTheMapper() throws Exception {
        java.util.Random random = new java.util.Random(21);
        for (int customer = 0; customer < 50; customer++) {
            CustomerAggregate aggregate = new CustomerAggregate();
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                Instant at = AT.minusSeconds(random.nextInt(200 * 86_400));
                aggregate.apply(
                        random.nextBoolean()
                                ? io.mosaic.segmentation.Events.purchase(
                                        "c-" + customer,
                                        at,
                                        Integer.toString(1 + random.nextInt(500)),
                                        random.nextBoolean())
                                : io.mosaic.segmentation.Events.message(
                                        "c-" + customer, at, random.nextBoolean() ? "email" : "chat"),
                        java.util.List.of());
            }
            BehaviorSummary summary = Summaries.of(aggregate, AT, RfmScale.NONE);

            assertThat(handWritten(summary)).as("customer %d", customer).isEqualTo(mapperJson(summary));
        }
    }
}
