package io.mosaic.segmentation.service;

import io.mosaic.common.NotFoundException;
import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A segment described as a profile: its size and share of the tenant, the most common value of each trait with
 * its share, and the medians of the main behavior metrics, each set against the whole customer base.
 */
@ApplicationScoped
public class Insights {
    private static final int TOP_VALUES = 5;
    static final Map<String, String> MEDIANS = new LinkedHashMap<>();

    static {
        MEDIANS.put("purchases.count", "summary->'purchases'->>'count'");
        MEDIANS.put("purchases.total", "summary->'purchases'->>'total'");
        MEDIANS.put("rfm.score", "summary->'rfm'->>'score'");
        MEDIANS.put("rfm.recency", "summary->'rfm'->>'recency'");
        MEDIANS.put("tickets.total", "summary->'tickets'->>'total'");
        MEDIANS.put("csat.average", "summary->'csat'->>'average'");
        MEDIANS.put("promotions.responseRate", "summary->'promotions'->>'responseRate'");
        MEDIANS.put("flashSalePurchases90d", "summary->>'flashSalePurchases90d'");
    }

    private final Jdbc jdbc;
    private final SegmentService segments;

    public Insights(Jdbc jdbc, SegmentService segments) {
        this.jdbc = jdbc;
        this.segments = segments;
    }

    public record TraitValue(String value, BigDecimal share, BigDecimal baseShare) {}

    public record Median(BigDecimal segment, BigDecimal base) {}

    public record Report(
            String segmentId,
            long size,
            long baseSize,
            BigDecimal share,
            Map<String, List<TraitValue>> traits,
            Map<String, Median> behavior) {}

    public Report of(String tenant, String segmentId) {
        if (segments.find(tenant, segmentId).isEmpty()) {
            throw new NotFoundException("No segment '" + segmentId + "'.");
        }
        long size = count(tenant, segmentId);
        long base = count(tenant, null);
        Map<String, Map<String, Long>> segmentTraits = traitCounts(tenant, segmentId);
        Map<String, Map<String, Long>> baseTraits = traitCounts(tenant, null);
        Map<String, List<TraitValue>> traits = new TreeMap<>();
        segmentTraits.forEach((trait, counts) ->
                traits.put(trait, topValues(counts, size, baseTraits.getOrDefault(trait, Map.of()), base)));
        Map<String, BigDecimal> segmentMedians = medians(tenant, segmentId);
        Map<String, BigDecimal> baseMedians = medians(tenant, null);
        Map<String, Median> behavior = new LinkedHashMap<>();
        MEDIANS.keySet()
                .forEach(metric ->
                        behavior.put(metric, new Median(segmentMedians.get(metric), baseMedians.get(metric))));
        return new Report(segmentId, size, base, ratio(size, base), traits, behavior);
    }

    private long count(String tenant, String segmentId) {
        return jdbc.query(
                        "select count(*) from customer_state s" + membersOnly(segmentId) + " where s.tenant = ?",
                        statement -> bind(statement, tenant, segmentId),
                        row -> row.getLong(1))
                .get(0);
    }

    private Map<String, Map<String, Long>> traitCounts(String tenant, String segmentId) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.query(
                        "select t.key, coalesce(e.item, t.v->>'value'), count(distinct s.customer_id) from customer_state s"
                                + membersOnly(segmentId)
                                + " cross join lateral jsonb_each(s.aggregate->'traits') t(key, v)"
                                + " left join lateral jsonb_array_elements_text(case when jsonb_typeof(t.v->'value') = 'array'"
                                + " then t.v->'value' else '[]'::jsonb end) e(item) on true"
                                + " where s.tenant = ? and t.key not like 'custom.%' group by 1, 2",
                        statement -> bind(statement, tenant, segmentId),
                        row -> new Object[] {row.getString(1), row.getString(2), row.getLong(3)})
                .forEach(row -> {
                    if (row[1] != null) {
                        counts.computeIfAbsent((String) row[0], k -> new TreeMap<>())
                                .put((String) row[1], (Long) row[2]);
                    }
                });
        return counts;
    }

    private Map<String, BigDecimal> medians(String tenant, String segmentId) {
        List<String> columns = new ArrayList<>();
        MEDIANS.values()
                .forEach(expression ->
                        columns.add("percentile_cont(0.5) within group (order by (" + expression + ")::float8)"));
        Map<String, BigDecimal> medians = new LinkedHashMap<>();
        jdbc.query(
                "select " + String.join(", ", columns) + " from customer_state s" + membersOnly(segmentId)
                        + " where s.tenant = ?",
                statement -> bind(statement, tenant, segmentId),
                row -> {
                    int column = 1;
                    for (String metric : MEDIANS.keySet()) {
                        double value = row.getDouble(column++);
                        medians.put(
                                metric,
                                row.wasNull() ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
                    }
                    return medians;
                });
        return medians;
    }

    private static String membersOnly(String segmentId) {
        return segmentId == null
                ? ""
                : " join membership m on m.tenant = s.tenant and m.customer_id = s.customer_id and m.segment_id = ?";
    }

    private static void bind(java.sql.PreparedStatement statement, String tenant, String segmentId)
            throws java.sql.SQLException {
        int index = 1;
        if (segmentId != null) {
            statement.setString(index++, segmentId);
        }
        statement.setString(index, tenant);
    }

    /**
     * A trait's most common values in a segment of {@code size} customers, each with its share there and in a base
     * of {@code base} customers; ties by value.
     */
    public static List<TraitValue> topValues(
            Map<String, Long> counts, long size, Map<String, Long> baseCounts, long base) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_VALUES)
                .map(entry -> new TraitValue(
                        entry.getKey(),
                        ratio(entry.getValue(), size),
                        ratio(baseCounts.getOrDefault(entry.getKey(), 0L), base)))
                .toList();
    }

    /** {@code part / whole} to 4 decimals, 0 for an empty whole. */
    public static BigDecimal ratio(long part, long whole) {
        return whole == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
