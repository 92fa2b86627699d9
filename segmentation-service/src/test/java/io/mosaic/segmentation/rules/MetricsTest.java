package io.mosaic.segmentation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.segmentation.behavior.BehaviorSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void everyMetricRulesMayNameHasAValueForACustomerWhoDidEverything() {
        BehaviorSummary.Window window = new BehaviorSummary.Window(2, new BigDecimal("30"));
        Map<String, Integer> everyChannel = new java.util.TreeMap<>();
        Metrics.known().stream()
                .filter(path -> path.startsWith("channels."))
                .forEach(path -> everyChannel.put(path.substring("channels.".length()), 1));
        BehaviorSummary summary = new BehaviorSummary(
                NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofHours(36)),
                new BehaviorSummary.Purchases(3, new BigDecimal("45"), "IDR", window, window, window, NOW),
                new BehaviorSummary.Rfm(1L, 3, new BigDecimal("45"), 4),
                "email",
                everyChannel,
                new BehaviorSummary.Tickets(1, 2, 2),
                new BehaviorSummary.Csat(new BigDecimal("4.5"), 2),
                new BehaviorSummary.Nps(9, "promoter"),
                new BehaviorSummary.Promotions(4, 1, new BigDecimal("0.25")),
                1,
                "gold",
                "low");

        assertThat(Metrics.known())
                .allSatisfy(path ->
                        assertThat(Metrics.valueOf(summary, NOW, path)).as(path).isNotNull());
        assertThat(Metrics.valueOf(summary, NOW, "daysSinceLastSeen")).isEqualTo(new BigDecimal("1.500000"));
        assertThat(Metrics.valueOf(summary, NOW, "purchases.count")).isEqualTo(3);
        assertThat(Metrics.valueOf(summary, NOW, "rfm.recency")).isEqualTo(1L);
        assertThat(Metrics.valueOf(summary, NOW, "channels.email")).isEqualTo(1);
        assertThat(Metrics.valueOf(summary, NOW, "no.such.metric")).isNull();
    }
}
