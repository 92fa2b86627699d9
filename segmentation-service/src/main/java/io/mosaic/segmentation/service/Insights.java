package io.mosaic.segmentation.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A segment described as a profile: its size and share of the tenant, the most common value of each trait with
 * its share, and the medians of the main behavior metrics, each set against the whole customer base. Computed from
 * the topology's customer store ({@code StateQueries}); this is the report's shape and its arithmetic.
 */
public final class Insights {
    private static final int TOP_VALUES = 5;

    private Insights() {}

    public record TraitValue(String value, BigDecimal share, BigDecimal baseShare) {}

    public record Median(BigDecimal segment, BigDecimal base) {}

    public record Report(
            String segmentId,
            long size,
            long baseSize,
            BigDecimal share,
            Map<String, List<TraitValue>> traits,
            Map<String, Median> behavior) {}

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
