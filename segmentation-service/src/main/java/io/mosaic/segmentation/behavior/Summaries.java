package io.mosaic.segmentation.behavior;

import io.mosaic.segmentation.behavior.BehaviorSummary.Window;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/** Derives a customer's behavior summary from the aggregate, as of an instant and with the tenant's RFM scale. */
public final class Summaries {
    /** A gap assumed between purchases of a customer who bought once, for churn risk. */
    static final Duration ASSUMED_GAP = Duration.ofDays(60);

    private Summaries() {}

    public static BehaviorSummary of(CustomerAggregate aggregate, Instant now, RfmScale scale) {
        CustomerAggregate.Totals totals = aggregate.totals(now);
        DayBucket lifetime = totals.lifetime();
        DayBucket last30 = totals.last30();
        DayBucket last90 = totals.last90();
        DayBucket last365 = totals.last365();
        String currency = mainCurrency(lifetime);
        BehaviorSummary.Purchases purchases = new BehaviorSummary.Purchases(
                lifetime.purchases,
                spend(lifetime, currency),
                currency,
                window(last30, currency),
                window(last90, currency),
                window(last365, currency),
                aggregate.lastPurchaseAt);
        BehaviorSummary.Rfm rfm = rfm(aggregate, now, scale, last365, currency);
        return new BehaviorSummary(
                aggregate.firstSeenAt,
                aggregate.lastSeenAt,
                purchases,
                rfm,
                preferredChannel(last90.channels.isEmpty() ? lifetime : last90),
                Map.copyOf(lifetime.channels),
                new BehaviorSummary.Tickets(
                        Math.max(0, lifetime.ticketsOpened - lifetime.ticketsResolved),
                        lifetime.ticketsOpened,
                        last90.ticketsOpened),
                new BehaviorSummary.Csat(
                        aggregate.csatCount == 0
                                ? null
                                : BigDecimal.valueOf(aggregate.csatSum)
                                        .divide(BigDecimal.valueOf(aggregate.csatCount), 2, RoundingMode.HALF_UP),
                        aggregate.csatCount),
                nps(aggregate.lastNps),
                new BehaviorSummary.Promotions(
                        lifetime.promotionsSent,
                        lifetime.promotionsResponded,
                        lifetime.promotionsSent == 0
                                ? null
                                : BigDecimal.valueOf(Math.min(
                                                1.0, (double) lifetime.promotionsResponded / lifetime.promotionsSent))
                                        .setScale(3, RoundingMode.HALF_UP)),
                last90.flashSalePurchases,
                loyaltyTier(lifetime.purchases, rfm),
                churnRisk(aggregate, lifetime.purchases, now));
    }

    /**
     * Totals are reported in one currency. Customers nearly always buy in one; one who bought in several is
     * reported in the alphabetically first, so the choice is stable (per-currency totals are not reported yet).
     */
    private static String mainCurrency(DayBucket lifetime) {
        return lifetime.spend.keySet().stream().findFirst().orElse(null);
    }

    private static BigDecimal spend(DayBucket bucket, String currency) {
        return currency == null ? BigDecimal.ZERO : bucket.spend.getOrDefault(currency, BigDecimal.ZERO);
    }

    private static Window window(DayBucket bucket, String currency) {
        return new Window(bucket.purchases, spend(bucket, currency));
    }

    private static BehaviorSummary.Rfm rfm(
            CustomerAggregate aggregate, Instant now, RfmScale scale, DayBucket last365, String currency) {
        if (aggregate.lastPurchaseAt == null) {
            return null;
        }
        long recency =
                Math.max(0, Duration.between(aggregate.lastPurchaseAt, now).toDays());
        BigDecimal monetary = spend(last365, currency);
        Integer score = scale.known()
                ? scale.recencyScore(recency) + scale.frequencyScore(last365.purchases) + scale.monetaryScore(monetary)
                : null;
        return new BehaviorSummary.Rfm(recency, last365.purchases, monetary, score);
    }

    private static String preferredChannel(DayBucket bucket) {
        return bucket.channels.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static BehaviorSummary.Nps nps(Stamped<Integer> lastNps) {
        if (lastNps == null) {
            return null;
        }
        int score = lastNps.value();
        String category = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
        return new BehaviorSummary.Nps(score, category);
    }

    /** Tiers follow the RFM score; a buyer without a score yet is bronze, a non-buyer has none. */
    static String loyaltyTier(int purchases, BehaviorSummary.Rfm rfm) {
        if (purchases == 0) {
            return "none";
        }
        int score = rfm == null || rfm.score() == null ? 0 : rfm.score();
        return score >= 13 ? "platinum" : score >= 10 ? "gold" : score >= 7 ? "silver" : "bronze";
    }

    /**
     * High when the days since the last purchase exceed three times the customer's usual gap between purchases and
     * are at least 60 (docs/API.md, at-risk); medium past twice the gap and 30 days; else low. Non-buyers: none.
     */
    static String churnRisk(CustomerAggregate aggregate, int purchases, Instant now) {
        if (aggregate.lastPurchaseAt == null) {
            return "none";
        }
        Duration gap = purchases >= 2
                ? Duration.between(aggregate.firstPurchaseAt, aggregate.lastPurchaseAt)
                        .dividedBy(purchases - 1)
                : ASSUMED_GAP;
        Duration since = Duration.between(aggregate.lastPurchaseAt, now);
        if (since.compareTo(gap.multipliedBy(3)) > 0 && since.toDays() >= 60) {
            return "high";
        }
        if (since.compareTo(gap.multipliedBy(2)) > 0 && since.toDays() >= 30) {
            return "medium";
        }
        return "low";
    }
}
