package io.mosaic.segmentation.behavior;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tenant's RFM quintiles: four cut points each for recency (days), frequency and monetary, computed from its own
 * buyers. Scores are 1-5; 5 is the most recent, most frequent, highest spending fifth.
 */
public record RfmScale(List<Double> recencyCuts, List<Double> frequencyCuts, List<Double> monetaryCuts) {
    public static final RfmScale NONE = new RfmScale(List.of(), List.of(), List.of());

    public boolean known() {
        return recencyCuts.size() == 4 && frequencyCuts.size() == 4 && monetaryCuts.size() == 4;
    }

    public int recencyScore(long days) {
        return 5 - (int) recencyCuts.stream().filter(cut -> days > cut).count();
    }

    public int frequencyScore(int count) {
        return 1 + (int) frequencyCuts.stream().filter(cut -> count > cut).count();
    }

    public int monetaryScore(BigDecimal total) {
        return 1
                + (int) monetaryCuts.stream()
                        .filter(cut -> total.doubleValue() > cut)
                        .count();
    }
}
