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

    private static final String CHANNELS = "channels.";

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
        Arrays.stream(Channel.values()).forEach(channel -> AFFECTED_BY.put(CHANNELS + WireNames.of(channel), ALL));
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

    /** One metric of one customer as of {@code now}, or null when the customer has no value for it. */
    public static Object valueOf(BehaviorSummary summary, Instant now, String path) {
        BehaviorSummary.Purchases purchases = summary.purchases();
        BehaviorSummary.Rfm rfm = summary.rfm();
        Object value = switch (path) {
            case "daysSinceFirstSeen" -> daysSince(summary.firstSeenAt(), now);
            case "daysSinceLastSeen" -> daysSince(summary.lastSeenAt(), now);
            case "purchases.count" -> purchases.count();
            case "purchases.total" -> purchases.total();
            case "purchases.currency" -> purchases.currency();
            case "purchases.last30d.count" -> purchases.last30d().count();
            case "purchases.last30d.total" -> purchases.last30d().total();
            case "purchases.last90d.count" -> purchases.last90d().count();
            case "purchases.last90d.total" -> purchases.last90d().total();
            case "purchases.last365d.count" -> purchases.last365d().count();
            case "purchases.last365d.total" -> purchases.last365d().total();
            case "rfm.recency" -> rfm == null ? null : rfm.recency();
            case "rfm.frequency" -> rfm == null ? null : (Object) rfm.frequency();
            case "rfm.monetary" -> rfm == null ? null : rfm.monetary();
            case "rfm.score" -> rfm == null ? null : rfm.score();
            case "preferredChannel" -> summary.preferredChannel();
            case "tickets.open" -> summary.tickets().open();
            case "tickets.total" -> summary.tickets().total();
            case "tickets.last90d" -> summary.tickets().last90d();
            case "csat.average" -> summary.csat().average();
            case "csat.count" -> summary.csat().count();
            case "nps.last" -> summary.nps() == null ? null : summary.nps().last();
            case "nps.category" -> summary.nps() == null ? null : summary.nps().category();
            case "promotions.sent" -> summary.promotions().sent();
            case "promotions.responded" -> summary.promotions().responded();
            case "promotions.responseRate" -> summary.promotions().responseRate();
            case "flashSalePurchases90d" -> summary.flashSalePurchases90d();
            case "loyaltyTier" -> summary.loyaltyTier();
            case "churnRisk" -> summary.churnRisk();
            default -> path.startsWith(CHANNELS) ? summary.channels().get(path.substring(CHANNELS.length())) : null;
        };
        return value;
    }

    /** Every metric path rules may name. */
    static Set<String> known() {
        return AFFECTED_BY.keySet();
    }

    private static BigDecimal daysSince(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        return BigDecimal.valueOf(Duration.between(at, now).toMillis())
                .divide(BigDecimal.valueOf(Duration.ofDays(1).toMillis()), 6, RoundingMode.FLOOR);
    }
}
