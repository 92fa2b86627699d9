package io.mosaic.segmentation.behavior;

import io.mosaic.events.InteractionEvent;
import io.mosaic.events.WireNames;
import io.mosaic.events.properties.CustomerIdentified;
import io.mosaic.events.properties.PromotionKind;
import io.mosaic.events.properties.PurchaseCompleted;
import io.mosaic.events.properties.PurchaseRefunded;
import io.mosaic.events.properties.SurveyAnswered;
import io.mosaic.events.properties.Traits;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything segmentation knows about one customer, as mergeable parts: day buckets of counts and sums, minimum
 * and maximum instants, and last-writer-wins values. Applying the same events in any order, or merging two
 * customers before or after their events, gives the same aggregate. Windows ("last 90 days") are read from the
 * day buckets relative to the instant asked about, so they slide without any event arriving.
 */
public class CustomerAggregate {
    /** Day buckets older than this are folded into {@link #earlier}; every window is shorter. */
    public static final int RETAINED_DAYS = 400;

    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant firstPurchaseAt;
    public Instant lastPurchaseAt;
    public TreeMap<Long, DayBucket> days = new TreeMap<>();
    public DayBucket earlier = new DayBucket();
    public long csatSum;
    public int csatCount;
    public Stamped<Integer> lastNps;
    /** Trait values by dotted path ({@code geographic.city}), each last-writer-wins. */
    public Map<String, Stamped<Object>> traits = new TreeMap<>();
    /** Matches of rule event conditions, by condition signature and day. */
    public Map<String, TreeMap<Long, Counter>> conditions = new TreeMap<>();

    public boolean isEmpty() {
        return firstSeenAt == null && traits.isEmpty();
    }

    public void apply(InteractionEvent event, Collection<? extends EventMatcher> matchers) {
        Instant at = event.occurredAt();
        firstSeenAt = min(firstSeenAt, at);
        lastSeenAt = max(lastSeenAt, at);
        long day = epochDay(at);
        DayBucket bucket = days.computeIfAbsent(day, d -> new DayBucket());
        bucket.events++;
        if (event.channel() != null) {
            bucket.countChannel(WireNames.of(event.channel()));
        }
        switch (event.type()) {
            case PURCHASE_COMPLETED -> purchase(bucket, event.propertiesAs(PurchaseCompleted.class), at);
            case PURCHASE_REFUNDED -> {
                PurchaseRefunded refund = event.propertiesAs(PurchaseRefunded.class);
                bucket.addSpend(refund.currency(), refund.amount().negate());
            }
            case TICKET_OPENED -> bucket.ticketsOpened++;
            case TICKET_RESOLVED -> bucket.ticketsResolved++;
            case PROMOTION_SENT -> bucket.promotionsSent++;
            case PROMOTION_RESPONDED -> bucket.promotionsResponded++;
            case SURVEY_ANSWERED -> survey(event, event.propertiesAs(SurveyAnswered.class));
            case CUSTOMER_IDENTIFIED ->
                traits(event, event.propertiesAs(CustomerIdentified.class).traits());
            default -> {}
        }
        for (EventMatcher matcher : matchers) {
            matcher.match(event)
                    .ifPresent(value -> conditions
                            .computeIfAbsent(matcher.signature(), s -> new TreeMap<>())
                            .merge(day, new Counter(1, value), Counter::plus));
        }
    }

    private void purchase(DayBucket bucket, PurchaseCompleted purchase, Instant at) {
        bucket.purchases++;
        bucket.addSpend(purchase.currency(), purchase.amount());
        if (purchase.promotion() != null && purchase.promotion().kind() == PromotionKind.FLASH_SALE) {
            bucket.flashSalePurchases++;
        }
        firstPurchaseAt = min(firstPurchaseAt, at);
        lastPurchaseAt = max(lastPurchaseAt, at);
    }

    private void survey(InteractionEvent event, SurveyAnswered survey) {
        if (survey.kind() == SurveyAnswered.Kind.CSAT) {
            csatSum += survey.score().intValue();
            csatCount++;
        } else if (survey.kind() == SurveyAnswered.Kind.NPS) {
            lastNps = Stamped.latest(
                    lastNps, new Stamped<>(survey.score().intValue(), event.occurredAt(), event.eventId()));
        }
        if (survey.psychographic() != null) {
            TraitPaths.of(new Traits(null, null, survey.psychographic(), null))
                    .forEach((path, value) -> setTrait(path, value, event));
        }
    }

    private void traits(InteractionEvent event, Traits traits) {
        TraitPaths.of(traits).forEach((path, value) -> setTrait(path, value, event));
    }

    private void setTrait(String path, Object value, InteractionEvent event) {
        traits.merge(path, new Stamped<>(value, event.occurredAt(), event.eventId()), Stamped::latest);
    }

    /** Adds another customer's aggregate to this one (a merge of two customers into one person). */
    public void absorb(CustomerAggregate other) {
        firstSeenAt = min(firstSeenAt, other.firstSeenAt);
        lastSeenAt = max(lastSeenAt, other.lastSeenAt);
        firstPurchaseAt = min(firstPurchaseAt, other.firstPurchaseAt);
        lastPurchaseAt = max(lastPurchaseAt, other.lastPurchaseAt);
        other.days.forEach(
                (day, bucket) -> days.computeIfAbsent(day, d -> new DayBucket()).add(bucket));
        earlier.add(other.earlier);
        csatSum += other.csatSum;
        csatCount += other.csatCount;
        lastNps = Stamped.latest(lastNps, other.lastNps);
        other.traits.forEach((path, value) -> traits.merge(path, value, Stamped::latest));
        other.conditions.forEach((signature, counters) -> {
            TreeMap<Long, Counter> mine = conditions.computeIfAbsent(signature, s -> new TreeMap<>());
            counters.forEach((day, counter) -> mine.merge(day, counter, Counter::plus));
        });
    }

    /** Folds day buckets that no window reaches any more; what the aggregate answers does not change. */
    public void compact(Instant now) {
        long oldest = epochDay(now) - RETAINED_DAYS;
        var old = days.headMap(oldest);
        old.values().forEach(earlier::add);
        old.clear();
        conditions.values().forEach(counters -> counters.headMap(oldest).clear());
        conditions.values().removeIf(TreeMap::isEmpty);
    }

    /** The day buckets added up over the last 30, 90 and 365 days up to an instant, and over all time. */
    public record Totals(DayBucket last30, DayBucket last90, DayBucket last365, DayBucket lifetime) {}

    /**
     * The totals as of {@code now}, in one pass: each bucket is added to the shortest window it falls in, and each
     * window then to the next longer one (a window of {@code w} days holds the days after {@code today - w}).
     */
    public Totals totals(Instant now) {
        long today = epochDay(now);
        DayBucket last30 = new DayBucket();
        DayBucket last90 = new DayBucket();
        DayBucket last365 = new DayBucket();
        DayBucket lifetime = new DayBucket();
        days.forEach((day, bucket) -> {
            if (day > today - 30) {
                last30.add(bucket);
            } else if (day > today - 90) {
                last90.add(bucket);
            } else if (day > today - 365) {
                last365.add(bucket);
            } else {
                lifetime.add(bucket);
            }
        });
        last90.add(last30);
        last365.add(last90);
        lifetime.add(last365);
        lifetime.add(earlier);
        return new Totals(last30, last90, last365, lifetime);
    }

    public Counter conditionTotal(String signature, Instant now, int windowDays) {
        TreeMap<Long, Counter> counters = conditions.get(signature);
        if (counters == null) {
            return Counter.ZERO;
        }
        return counters.tailMap(epochDay(now) - windowDays, false).values().stream()
                .reduce(Counter.ZERO, Counter::plus);
    }

    public static long epochDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
