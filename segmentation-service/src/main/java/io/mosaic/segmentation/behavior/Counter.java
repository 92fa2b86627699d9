package io.mosaic.segmentation.behavior;

import java.math.BigDecimal;

/** A count and a sum of events that match one rule condition on one day; mergeable by adding. */
public record Counter(long count, BigDecimal sum) {
    public static final Counter ZERO = new Counter(0, BigDecimal.ZERO);

    public Counter plus(Counter other) {
        return new Counter(count + other.count, sum.add(other.sum));
    }
}
