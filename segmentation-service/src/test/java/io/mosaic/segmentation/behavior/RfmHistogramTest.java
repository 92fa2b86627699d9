package io.mosaic.segmentation.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RfmHistogramTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final Random random = new Random(7);

    private record Buyer(Instant lastPurchaseAt, int frequency, BigDecimal monetary) {
        RfmHistogram.Contribution contribution() {
            return RfmHistogram.Contribution.of(
                    lastPurchaseAt, new BehaviorSummary.Rfm(0L, frequency, monetary, null), NOW);
        }
    }

    private Buyer randomBuyer() {
        return new Buyer(
                NOW.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60))),
                random.nextInt(30),
                BigDecimal.valueOf(random.nextInt(5_000_000), 2));
    }

    /** PostgreSQL's percentile_cont over exact values: what the histogram stands in for. */
    private static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    @Test
    void cutsAreThePercentilesOfTheBuyersWithinABucket() {
        List<Buyer> buyers = new ArrayList<>();
        RfmHistogram histogram = new RfmHistogram();
        for (int i = 0; i < 2_000; i++) {
            Buyer buyer = randomBuyer();
            buyers.add(buyer);
            histogram.add(buyer.contribution(), 1);
        }
        RfmScale scale = histogram.cuts().scaleAt(NOW);
        double[] recency = buyers.stream()
                .mapToDouble(b -> Duration.between(b.lastPurchaseAt(), NOW).toSeconds() / 86_400.0)
                .sorted()
                .toArray();
        double[] frequency =
                buyers.stream().mapToDouble(Buyer::frequency).sorted().toArray();
        double[] monetary = buyers.stream()
                .mapToDouble(b -> b.monetary().doubleValue())
                .sorted()
                .toArray();
        double[] quintiles = {0.2, 0.4, 0.6, 0.8};
        for (int i = 0; i < 4; i++) {
            assertThat(scale.recencyCuts().get(i))
                    .as("recency cut %d in whole days, off by at most the bucket's hour", i)
                    .isCloseTo(Math.floor(percentile(recency, quintiles[i])), within(1.0));
            assertThat(scale.frequencyCuts().get(i)).isEqualTo(Math.floor(percentile(frequency, quintiles[i])));
            double exact = percentile(monetary, quintiles[i]);
            assertThat(scale.monetaryCuts().get(i)).isCloseTo(exact, within(exact * 0.01 + 0.01));
        }
    }

    @Test
    void takingBuyersOutAndMergingPartsGiveWhatTheRemainingBuyersWouldGive() {
        RfmHistogram[] parts = {new RfmHistogram(), new RfmHistogram(), new RfmHistogram()};
        RfmHistogram expected = new RfmHistogram();
        for (int i = 0; i < 600; i++) {
            Buyer buyer = randomBuyer();
            Buyer later = randomBuyer();
            RfmHistogram part = parts[i % 3];
            part.add(buyer.contribution(), 1);
            if (i % 2 == 0) { // re-scored: the old inputs go, the new ones count
                part.add(buyer.contribution(), -1);
                part.add(later.contribution(), 1);
                expected.add(later.contribution(), 1);
            } else {
                expected.add(buyer.contribution(), 1);
            }
        }
        RfmHistogram merged = new RfmHistogram();
        Arrays.stream(parts).forEach(merged::merge);

        assertThat(merged.cuts()).isEqualTo(expected.cuts());
        assertThat(merged.lastPurchaseHours).isEqualTo(expected.lastPurchaseHours);
    }

    private static int score(RfmScale scale, Buyer buyer) {
        long days = Math.max(0, Duration.between(buyer.lastPurchaseAt(), NOW).toDays());
        return scale.recencyScore(days)
                + scale.frequencyScore(buyer.frequency())
                + scale.monetaryScore(buyer.monetary());
    }

    @Test
    void aBuyerSaidNotToScoreDifferentlyUnderMovedCutsDoesNotAndMostAreSkipped() {
        List<Buyer> buyers = new ArrayList<>();
        RfmHistogram histogram = new RfmHistogram();
        for (int i = 0; i < 3_000; i++) {
            Buyer buyer = randomBuyer();
            buyers.add(buyer);
            histogram.add(buyer.contribution(), 1);
        }
        RfmCuts before = histogram.cuts();
        for (int i = 0; i < 30; i++) { // one percent more buyers: the cuts move a little
            histogram.add(randomBuyer().contribution(), 1);
        }
        RfmCuts after = histogram.cuts();
        assertThat(after).isNotEqualTo(before);

        long skipped = 0;
        for (Buyer buyer : buyers) {
            if (!before.mayScoreDifferently(buyer.contribution(), after, NOW)) {
                skipped++;
                assertThat(score(after.scaleAt(NOW), buyer))
                        .as("a skipped buyer scores the same")
                        .isEqualTo(score(before.scaleAt(NOW), buyer));
            }
        }
        assertThat(skipped).as("most buyers need no re-scoring").isGreaterThan(buyers.size() / 2);
    }

    @Test
    void olderPurchasesAreCountedByTheDaySoTheHistogramStaysSmall() {
        RfmHistogram histogram = new RfmHistogram();
        for (int hour = 0; hour < 10 * 365 * 24; hour += 3) { // ten years of buyers, one every three hours
            Buyer buyer = new Buyer(NOW.minus(Duration.ofHours(hour)), 1, BigDecimal.TEN);
            histogram.add(buyer.contribution(), 1);
        }
        assertThat(histogram.lastPurchaseHours.size()).isLessThanOrEqualTo(30 * 24);
        assertThat(histogram.lastPurchaseDays.size()).isLessThanOrEqualTo(10 * 365 + 1);
        assertThat(io.mosaic.segmentation.segments.OutputPayloads.json(histogram)
                        .length())
                .as("what a partition publishes per tenant")
                .isLessThan(100_000);
    }

    @Test
    void theCutsDoNotMoveWithTheClockAndNoBuyersMeanNoScale() {
        RfmHistogram histogram = new RfmHistogram();
        assertThat(histogram.cuts()).isEqualTo(RfmCuts.NONE);
        assertThat(RfmCuts.NONE.scaleAt(NOW).known()).isFalse();
        Buyer buyer = randomBuyer();
        histogram.add(buyer.contribution(), 1);
        RfmCuts cuts = histogram.cuts();
        RfmScale today = cuts.scaleAt(NOW);
        RfmScale inTenDays = cuts.scaleAt(NOW.plus(Duration.ofDays(10)));
        assertThat(inTenDays.recencyCuts().get(0)).isEqualTo(today.recencyCuts().get(0) + 10);
        histogram.add(buyer.contribution(), -1);
        assertThat(histogram.isEmpty()).isTrue();
    }
}
