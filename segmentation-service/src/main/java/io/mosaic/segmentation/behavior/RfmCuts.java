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
