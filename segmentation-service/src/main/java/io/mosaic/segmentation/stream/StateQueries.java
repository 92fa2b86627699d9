package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.BehaviorSummary;
import io.mosaic.segmentation.behavior.RfmCuts;
import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.behavior.Stamped;
import io.mosaic.segmentation.segments.CustomerEvaluation;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.mosaic.segmentation.service.Insights;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Questions over every customer of a tenant, answered from the topology's customer store (an interactive query):
 * the preview of a rule not saved yet, and a segment's insights against the whole base. They need every customer's
 * aggregate, which the topology already holds; copying each changed aggregate into PostgreSQL would cost a row per
 * changed customer on the hot path for two rare questions. A customer merged into another, or without profiling
 * consent, is not part of the base.
 */
public final class StateQueries {
    /** The behavior metrics whose medians insights report, by name. */
    static final Map<String, Function<BehaviorSummary, BigDecimal>> MEDIANS = new LinkedHashMap<>();

    static {
        MEDIANS.put("purchases.count", s -> BigDecimal.valueOf(s.purchases().count()));
        MEDIANS.put("purchases.total", s -> s.purchases().total());
        MEDIANS.put(
                "rfm.score",
                s -> s.rfm() == null || s.rfm().score() == null
                        ? null
                        : decimal(s.rfm().score()));
        MEDIANS.put(
                "rfm.recency",
                s -> s.rfm() == null || s.rfm().recency() == null
                        ? null
                        : decimal(s.rfm().recency()));
        MEDIANS.put("tickets.total", s -> BigDecimal.valueOf(s.tickets().total()));
        MEDIANS.put("csat.average", s -> s.csat().average());
        MEDIANS.put("promotions.responseRate", s -> s.promotions().responseRate());
        MEDIANS.put("flashSalePurchases90d", s -> BigDecimal.valueOf(s.flashSalePurchases90d()));
    }

    /** A rule's size over the tenant's customers and the first {@code sampleSize} matching ids. */
    public record Preview(long size, List<String> sample) {}

    private StateQueries() {}

    public static Preview preview(
            ReadOnlyKeyValueStore<String, CustomerState> states,
            String tenant,
            SegmentDefinition draft,
            RfmCuts cuts,
            Instant now,
            int sampleSize) {
        RfmScale scale = cuts.scaleAt(now);
        long[] size = {0};
        TreeSet<String> sample = new TreeSet<>();
        forEachCustomer(states, tenant, (customerId, state) -> {
            CustomerEvaluation evaluation =
                    new CustomerEvaluation(state.aggregate, now, scale, state.memberships.keySet());
            if (evaluation.evaluate(List.of(draft)).contains(draft.id())) {
                size[0]++;
                sample.add(customerId);
                if (sample.size() > sampleSize) {
                    sample.pollLast();
                }
            }
        });
        return new Preview(size[0], List.copyOf(sample));
    }

    /**
     * What insights count over the customers of a store, for the segment and the whole base; tallies of the
     * partitions other instances hold are added with {@link #merge}, then {@link #report} describes the segment.
     */
    public record InsightsTally(Tally segment, Tally base) {
        public InsightsTally merge(InsightsTally other) {
            return new InsightsTally(segment.merge(other.segment), base.merge(other.base));
        }
    }

    /** The segment's and the base's tallies over the customers of this store. */
    public static InsightsTally tally(
            ReadOnlyKeyValueStore<String, CustomerState> states,
            String tenant,
            String segmentId,
            RfmCuts cuts,
            Instant now) {
        RfmScale scale = cuts.scaleAt(now);
        Tally segment = new Tally();
        Tally base = new Tally();
        forEachCustomer(states, tenant, (customerId, state) -> {
            BehaviorSummary summary =
                    new CustomerEvaluation(state.aggregate, now, scale, state.memberships.keySet()).summary();
            base.add(state, summary);
            if (state.memberships.containsKey(segmentId)) {
                segment.add(state, summary);
            }
        });
        return new InsightsTally(segment, base);
    }

    /** The segment described against the tenant's whole base, as {@link Insights} reports it. */
    public static Insights.Report report(String segmentId, InsightsTally tally) {
        Tally segment = tally.segment();
        Tally base = tally.base();
        Map<String, List<Insights.TraitValue>> traits = new TreeMap<>();
        segment.traits.forEach((trait, counts) -> traits.put(
                trait,
                Insights.topValues(
                        counts, segment.customers, base.traits.getOrDefault(trait, Map.of()), base.customers)));
        Map<String, Insights.Median> behavior = new LinkedHashMap<>();
        MEDIANS.keySet()
                .forEach(metric -> behavior.put(
                        metric,
                        new Insights.Median(median(segment.values.get(metric)), median(base.values.get(metric)))));
        return new Insights.Report(
                segmentId,
                segment.customers,
                base.customers,
                Insights.ratio(segment.customers, base.customers),
                traits,
                behavior);
    }

    /** A preview's share of the customers: added to another instance's share with {@link #merge(Preview, Preview, int)}. */
    public static Preview merge(Preview one, Preview other, int sampleSize) {
        TreeSet<String> sample = new TreeSet<>(one.sample());
        sample.addAll(other.sample());
        return new Preview(
                one.size() + other.size(), sample.stream().limit(sampleSize).toList());
    }

    /**
     * What insights count over a set of customers: how many, each trait's values, each metric's values (every value:
     * medians are exact). Public and plain so a tally can travel between instances as JSON.
     */
    public static final class Tally {
        public long customers;
        public Map<String, Map<String, Long>> traits = new TreeMap<>();
        public Map<String, List<BigDecimal>> values = new LinkedHashMap<>();

        void add(CustomerState state, BehaviorSummary summary) {
            customers++;
            state.aggregate.traits.forEach((path, stamped) -> {
                if (!path.startsWith("custom.")) {
                    valuesOf(stamped)
                            .forEach(value -> traits.computeIfAbsent(path, p -> new TreeMap<>())
                                    .merge(value, 1L, Long::sum));
                }
            });
            MEDIANS.forEach((metric, read) -> {
                BigDecimal value = read.apply(summary);
                if (value != null) {
                    values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
                }
            });
        }

        Tally merge(Tally other) {
            Tally merged = new Tally();
            for (Tally part : List.of(this, other)) {
                merged.customers += part.customers;
                part.traits.forEach((trait, counts) -> counts.forEach((value, count) -> merged.traits
                        .computeIfAbsent(trait, t -> new TreeMap<>())
                        .merge(value, count, Long::sum)));
                part.values.forEach((metric, list) -> merged.values
                        .computeIfAbsent(metric, m -> new ArrayList<>())
                        .addAll(list));
            }
            return merged;
        }
    }

    /** A trait's values as text: each element of a list once (a customer counts once per value). */
    private static Collection<String> valuesOf(Stamped<Object> stamped) {
        Object value = stamped.value();
        TreeSet<String> values = new TreeSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(element -> values.add(String.valueOf(element)));
        } else if (value != null) {
            values.add(value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value));
        }
        return values;
    }

    /** The interpolated median (PostgreSQL's {@code percentile_cont(0.5)}), to 2 decimals; null without values. */
    static BigDecimal median(List<BigDecimal> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double position = 0.5 * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        double low = sorted.get(below).doubleValue();
        double high = sorted.get(Math.min(below + 1, sorted.size() - 1)).doubleValue();
        return BigDecimal.valueOf(low + (high - low) * (position - below)).setScale(2, RoundingMode.HALF_UP);
    }

    private interface CustomerVisitor {
        void visit(String customerId, CustomerState state);
    }

    private static void forEachCustomer(
            ReadOnlyKeyValueStore<String, CustomerState> states, String tenant, CustomerVisitor visitor) {
        try (KeyValueIterator<String, CustomerState> customers =
                states.prefixScan(tenant + ":", Serdes.String().serializer())) {
            while (customers.hasNext()) {
                KeyValue<String, CustomerState> customer = customers.next();
                CustomerState state = customer.value;
                boolean withdrawn = state.consent != null && !state.consent.granted();
                if (state.mergedInto == null && !withdrawn) {
                    visitor.visit(customer.key.substring(tenant.length() + 1), state);
                }
            }
        }
    }

    private static BigDecimal decimal(long value) {
        return BigDecimal.valueOf(value);
    }
}
