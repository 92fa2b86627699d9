package io.mosaic.segmentation.behavior;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RFM inputs of a tenant's buyers as counts per bucket: when the last purchase was (by the hour in the last 30
 * days, by the day before that), the purchases of the last 365 days, and their spend in buckets 1% wide. Unlike a
 * quantile sketch it takes a buyer's old inputs out again when they change, so it stays exact under updates;
 * histograms of different partitions add up to the tenant's. Its size is bounded by the distinct buckets, not by the
 * buyers: at most 720 hours, one day per day of purchase history before them, about 3,900 spend buckets and the
 * distinct purchase counts: tens of kilobytes for ten years of history.
 */
public final class RfmHistogram {
    private static final double STEP = Math.log(1.01);
    private static final long HOUR_SECONDS = 3_600;
    private static final java.time.Duration BY_THE_HOUR = java.time.Duration.ofDays(30);

    /** What one buyer adds: the bucket of each input (the last purchase's is {@code hours} wide, 1 or 24). */
    public record Contribution(long lastPurchaseHour, int hours, int frequency, int monetaryBucket) {
        /** The buyer's inputs as of the summary, or null for a customer who never bought. */
        public static Contribution of(Instant lastPurchaseAt, BehaviorSummary.Rfm rfm, Instant now) {
            if (lastPurchaseAt == null || rfm == null) {
                return null;
            }
            long hour = Math.floorDiv(lastPurchaseAt.getEpochSecond(), HOUR_SECONDS);
            boolean recent = lastPurchaseAt.isAfter(now.minus(BY_THE_HOUR));
            return new Contribution(
                    recent ? hour : Math.floorDiv(hour, 24) * 24,
                    recent ? 1 : 24,
                    rfm.frequency(),
                    RfmHistogram.monetaryBucket(rfm.monetary()));
        }
    }

    public TreeMap<Long, Long> lastPurchaseHours = new TreeMap<>();
    public TreeMap<Long, Long> lastPurchaseDays = new TreeMap<>();
    public TreeMap<Long, Long> frequencies = new TreeMap<>();
    public TreeMap<Long, Long> monetaryBuckets = new TreeMap<>();

    /** Adds ({@code sign} 1) or takes out ({@code sign} -1) one buyer's inputs. */
    public void add(Contribution contribution, int sign) {
        if (contribution == null) {
            return;
        }
        count(contribution.hours() == 1 ? lastPurchaseHours : lastPurchaseDays, contribution.lastPurchaseHour(), sign);
        count(frequencies, contribution.frequency(), sign);
        count(monetaryBuckets, contribution.monetaryBucket(), sign);
    }

    public void merge(RfmHistogram other) {
        other.lastPurchaseHours.forEach((bucket, n) -> count(lastPurchaseHours, bucket, n));
        other.lastPurchaseDays.forEach((bucket, n) -> count(lastPurchaseDays, bucket, n));
        other.frequencies.forEach((bucket, n) -> count(frequencies, bucket, n));
        other.monetaryBuckets.forEach((bucket, n) -> count(monetaryBuckets, bucket, n));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return lastPurchaseHours.isEmpty() && lastPurchaseDays.isEmpty();
    }

    /** The quintile cuts, as PostgreSQL's {@code percentile_cont} would give them on the buckets; NONE if empty. */
    public RfmCuts cuts() {
        if (isEmpty()) {
            return RfmCuts.NONE;
        }
        TreeMap<Double, Long> lastPurchases = valued(lastPurchaseHours, hour -> hour + 0.5);
        valued(lastPurchaseDays, dayStart -> dayStart + 12.0)
                .forEach((middle, n) -> lastPurchases.merge(middle, n, Long::sum));
        List<Double> frequency = quintiles(valued(frequencies, bucket -> bucket));
        List<Double> monetary = quintiles(valued(monetaryBuckets, RfmHistogram::monetaryValue));
        return new RfmCuts(
                quintiles(lastPurchases),
                frequency.stream().map(Math::floor).toList(),
                monetary.stream().map(cut -> Math.round(cut * 100) / 100.0).toList());
    }

    /** Counts per bucket as counts per the value a bucket stands for (its middle); every mapping keeps order. */
    private static TreeMap<Double, Long> valued(
            TreeMap<Long, Long> counts, java.util.function.LongToDoubleFunction valueOf) {
        TreeMap<Double, Long> values = new TreeMap<>();
        counts.forEach((bucket, n) -> values.merge(valueOf.applyAsDouble(bucket), n, Long::sum));
        return values;
    }

    static int monetaryBucket(BigDecimal monetary) {
        double value = monetary == null ? 0 : monetary.doubleValue();
        return value <= 0 ? Integer.MIN_VALUE : (int) Math.floor(Math.log(value) / STEP);
    }

    /** The lowest and highest spend a bucket holds (both 0 for the bucket of no spend). */
    static double[] monetaryBand(int bucket) {
        return bucket == Integer.MIN_VALUE
                ? new double[] {0, 0}
                : new double[] {Math.exp(bucket * STEP), Math.exp((bucket + 1) * STEP)};
    }

    /** The middle of a spend bucket (geometric), 0 for the bucket of no spend. */
    static double monetaryValue(long bucket) {
        return bucket == Integer.MIN_VALUE ? 0 : Math.exp((bucket + 0.5) * STEP);
    }

    private static List<Double> quintiles(TreeMap<Double, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Double> cuts = new ArrayList<>();
        for (double p : new double[] {0.2, 0.4, 0.6, 0.8}) {
            double position = p * (total - 1);
            long below = (long) Math.floor(position);
            double low = valueAt(counts, below);
            double high = valueAt(counts, below + 1 < total ? below + 1 : below);
            cuts.add(low + (high - low) * (position - below));
        }
        return cuts;
    }

    /** The value at 0-based rank {@code rank} in sorted order. */
    private static double valueAt(TreeMap<Double, Long> counts, long rank) {
        long seen = 0;
        for (Map.Entry<Double, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (rank < seen) {
                return entry.getKey();
            }
        }
        return counts.lastKey();
    }

    private static void count(TreeMap<Long, Long> counts, long bucket, long delta) {
        long after = counts.getOrDefault(bucket, 0L) + delta;
        if (after == 0) {
            counts.remove(bucket);
        } else {
            counts.put(bucket, after);
        }
    }
}
