package io.mosaic.segmentation.behavior;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** The {@code behavior} of a profile (docs/API.md), as of one instant. Published on the behavior topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BehaviorSummary(
        Instant firstSeenAt,
        Instant lastSeenAt,
        Purchases purchases,
        Rfm rfm,
        String preferredChannel,
        Map<String, Integer> channels,
        Tickets tickets,
        Csat csat,
        Nps nps,
        Promotions promotions,
        int flashSalePurchases90d,
        String loyaltyTier,
        String churnRisk) {

    public record Window(int count, BigDecimal total) {}

    public record Purchases(
            int count,
            BigDecimal total,
            String currency,
            Window last30d,
            Window last90d,
            Window last365d,
            Instant lastAt) {}

    /** Recency in days since the last purchase, frequency and monetary over 365 days; scores 1-5 each. */
    public record Rfm(Long recency, int frequency, BigDecimal monetary, Integer score) {}

    public record Tickets(int open, int total, int last90d) {}

    public record Csat(BigDecimal average, int count) {}

    public record Nps(Integer last, String category) {}

    public record Promotions(int sent, int responded, BigDecimal responseRate) {}
}
