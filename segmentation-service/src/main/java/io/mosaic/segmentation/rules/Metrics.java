package io.mosaic.segmentation.rules;

import io.mosaic.events.Channel;
import io.mosaic.events.EventType;
import io.mosaic.events.WireNames;
import io.mosaic.segmentation.behavior.BehaviorSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The behavior metrics rules can name, by dotted path into the profile's {@code behavior}, plus
 * {@code daysSinceFirstSeen} and {@code daysSinceLastSeen} (fractional days, so boundaries are exact).
 */
public final class Metrics {
    private static final Set<EventType> ALL = EnumSet.complementOf(
            EnumSet.of(EventType.CUSTOMER_MERGED, EventType.CONSENT_UPDATED, EventType.CUSTOMER_ERASED));
    private static final Set<EventType> PURCHASES =
            EnumSet.of(EventType.PURCHASE_COMPLETED, EventType.PURCHASE_REFUNDED);
    private static final Set<EventType> TICKETS = EnumSet.of(EventType.TICKET_OPENED, EventType.TICKET_RESOLVED);
    private static final Set<EventType> SURVEYS = EnumSet.of(EventType.SURVEY_ANSWERED);
    private static final Set<EventType> PROMOTIONS =
            EnumSet.of(EventType.PROMOTION_SENT, EventType.PROMOTION_RESPONDED);

    /** Metrics whose values are words (a channel, a tier); every other metric is a number. */
    private static final Set<String> TEXT =
            Set.of("purchases.currency", "preferredChannel", "nps.category", "loyaltyTier", "churnRisk");

    /** Metric path to the events that change it. */
    private static final Map<String, Set<EventType>> AFFECTED_BY = new HashMap<>();
    /** Metrics that change as time passes, without events. */
    private static final Set<String> TIME_DEPENDENT = Set.of(
            "daysSinceFirstSeen",
            "daysSinceLastSeen",
            "purchases.last30d.count",
            "purchases.last30d.total",
            "purchases.last90d.count",
            "purchases.last90d.total",
            "purchases.last365d.count",
            "purchases.last365d.total",
            "rfm.recency",
            "rfm.frequency",
            "rfm.monetary",
            "rfm.score",
            "preferredChannel",
            "tickets.last90d",
            "flashSalePurchases90d",
            "loyaltyTier",
            "churnRisk");

    static {
        for (String path : new String[] {"daysSinceFirstSeen", "daysSinceLastSeen", "preferredChannel"}) {
            AFFECTED_BY.put(path, ALL);
        }
        for (String path : new String[] {
            "purchases.count",
            "purchases.total",
            "purchases.currency",
            "purchases.last30d.count",
            "purchases.last30d.total",
            "purchases.last90d.count",
            "purchases.last90d.total",
            "purchases.last365d.count",
            "purchases.last365d.total",
            "rfm.recency",
            "rfm.frequency",
            "rfm.monetary",
            "rfm.score",
            "flashSalePurchases90d",
            "loyaltyTier",
            "churnRisk"
        }) {
            AFFECTED_BY.put(path, PURCHASES);
        }
        for (String path : new String[] {"tickets.open", "tickets.total", "tickets.last90d"}) {
            AFFECTED_BY.put(path, TICKETS);
        }
        for (String path : new String[] {"csat.average", "csat.count", "nps.last", "nps.category"}) {
            AFFECTED_BY.put(path, SURVEYS);
        }
        for (String path : new String[] {"promotions.sent", "promotions.responded", "promotions.responseRate"}) {
            AFFECTED_BY.put(path, PROMOTIONS);
        }
        Arrays.stream(Channel.values()).forEach(channel -> AFFECTED_BY.put("channels." + WireNames.of(channel), ALL));
    }

    private Metrics() {}

    public static boolean isKnown(String path) {
        return AFFECTED_BY.containsKey(path);
    }

    /** Whether a known metric is a number (else a word): rule values must be of the same kind. */
    public static boolean isNumeric(String path) {
        return !TEXT.contains(path);
    }

    static Set<EventType> affectedBy(String path) {
        return AFFECTED_BY.getOrDefault(path, Set.of());
    }

    static boolean timeDependent(String path) {
        return TIME_DEPENDENT.contains(path);
    }

    /** Every metric of one customer as of {@code now}. */
    public static Map<String, Object> valuesOf(BehaviorSummary summary, Instant now) {
        Map<String, Object> values = new HashMap<>();
        values.put("daysSinceFirstSeen", daysSince(summary.firstSeenAt(), now));
        values.put("daysSinceLastSeen", daysSince(summary.lastSeenAt(), now));
        BehaviorSummary.Purchases purchases = summary.purchases();
        values.put("purchases.count", purchases.count());
        values.put("purchases.total", purchases.total());
        values.put("purchases.currency", purchases.currency());
        putWindow(values, "purchases.last30d", purchases.last30d());
        putWindow(values, "purchases.last90d", purchases.last90d());
        putWindow(values, "purchases.last365d", purchases.last365d());
        if (summary.rfm() != null) {
            values.put("rfm.recency", summary.rfm().recency());
            values.put("rfm.frequency", summary.rfm().frequency());
            values.put("rfm.monetary", summary.rfm().monetary());
            values.put("rfm.score", summary.rfm().score());
        }
        values.put("preferredChannel", summary.preferredChannel());
        summary.channels().forEach((channel, count) -> values.put("channels." + channel, count));
        values.put("tickets.open", summary.tickets().open());
        values.put("tickets.total", summary.tickets().total());
        values.put("tickets.last90d", summary.tickets().last90d());
        values.put("csat.average", summary.csat().average());
        values.put("csat.count", summary.csat().count());
        if (summary.nps() != null) {
            values.put("nps.last", summary.nps().last());
            values.put("nps.category", summary.nps().category());
        }
        values.put("promotions.sent", summary.promotions().sent());
        values.put("promotions.responded", summary.promotions().responded());
        values.put("promotions.responseRate", summary.promotions().responseRate());
        values.put("flashSalePurchases90d", summary.flashSalePurchases90d());
        values.put("loyaltyTier", summary.loyaltyTier());
        values.put("churnRisk", summary.churnRisk());
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

    private static void putWindow(Map<String, Object> values, String prefix, BehaviorSummary.Window window) {
        values.put(prefix + ".count", window.count());
        values.put(prefix + ".total", window.total());
    }

    private static BigDecimal daysSince(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        return BigDecimal.valueOf(Duration.between(at, now).toMillis())
                .divide(BigDecimal.valueOf(Duration.ofDays(1).toMillis()), 6, RoundingMode.FLOOR);
    }
}
