package io.mosaic.segmentation.behavior;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's RFM quintile cuts in terms that do not move with the clock: the last-purchase instant (in epoch hours)
 * below which each fifth of the buyers lies, and whole-purchase and spend cuts. As the days pass, every buyer's
 * recency and every recency cut grow alike, so these cuts move only when the buyers' data does, and only then
 * are the tenant's buyers re-scored.
 */
public record RfmCuts(List<Double> lastPurchaseHours, List<Double> frequency, List<Double> monetary) {
    public static final RfmCuts NONE = new RfmCuts(List.of(), List.of(), List.of());

    /**
     * Whether a buyer with these inputs may score differently under {@code other} cuts than under these, as of
     * {@code now}. The inputs are buckets (an hour, a 1% band of spend), so a cut inside a bucket counts as a
     * change: this may say yes needlessly, never no wrongly. A re-scoring after the cuts move skips the buyers for
     * whom it says no, which are most of them when the cuts move a little.
     */
    public boolean mayScoreDifferently(RfmHistogram.Contribution inputs, RfmCuts other, Instant now) {
        RfmScale mine = scaleAt(now);
        RfmScale theirs = other.scaleAt(now);
        if (!mine.known() || !theirs.known()) {
            return mine.known() != theirs.known();
        }
        long bucketStart = inputs.lastPurchaseHour() * 3_600;
        long bucketEnd = bucketStart + inputs.hours() * 3_600L;
        for (long seconds : new long[] {now.getEpochSecond() - bucketEnd, now.getEpochSecond() - bucketStart}) {
            long days = Math.max(0, Math.floorDiv(seconds, 86_400));
            if (mine.recencyScore(days) != theirs.recencyScore(days)) {
                return true;
            }
        }
        if (mine.frequencyScore(inputs.frequency()) != theirs.frequencyScore(inputs.frequency())) {
            return true;
        }
        double[] band = RfmHistogram.monetaryBand(inputs.monetaryBucket());
        for (RfmScale scale : List.of(mine, theirs)) {
            for (double cut : scale.monetaryCuts()) {
                if (cut >= band[0] && cut <= band[1]) {
                    return true;
                }
            }
        }
        java.math.BigDecimal inside = java.math.BigDecimal.valueOf(band[0]);
        return mine.monetaryScore(inside) != theirs.monetaryScore(inside);
    }

    /** The scale as of {@code now}: recency cuts in whole days, the most recent fifth scoring 5. */
    public RfmScale scaleAt(Instant now) {
        if (lastPurchaseHours.size() != 4) {
            return RfmScale.NONE;
        }
        double nowHours = now.getEpochSecond() / 3_600.0;
        List<Double> recency = new java.util.ArrayList<>();
        for (int i = lastPurchaseHours.size() - 1; i >= 0; i--) { // the latest purchases make the smallest recency
            recency.add(Math.floor(Math.max(0, nowHours - lastPurchaseHours.get(i)) / 24));
        }
        return new RfmScale(recency, frequency, monetary);
    }
}
