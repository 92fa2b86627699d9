package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAllowedThenTheRateAndEachKeyHasItsOwnBucket() {
        TokenBuckets buckets = new TokenBuckets(2, 3);
        long t = 0;
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).as("burst used up: wait").isEqualTo(1);
        assertThat(buckets.take("b", t)).as("another key").isZero();
        assertThat(buckets.take("a", t + SECOND / 2))
                .as("half a second refills one token at 2/s")
                .isZero();
        assertThat(buckets.take("a", t + SECOND / 2)).isEqualTo(1);
        assertThat(buckets.take("a", t + 100 * SECOND))
                .as("refill stops at the burst")
                .isZero();
    }

    @Test
    void theWaitIsRoundedUpToWholeSeconds() {
        TokenBuckets buckets = new TokenBuckets(0.25, 1);
        assertThat(buckets.take("slow", 0)).isZero();
        assertThat(buckets.take("slow", 0)).isEqualTo(4);
    }
}
