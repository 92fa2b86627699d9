package io.mosaic.segmentation.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));
    private final Instant owed = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void theDelayDoublesWithJitterUpToTheCeiling() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            long ceiling = Math.min(600_000, 1_000L << (attempt - 1));
            for (int draw = 0; draw < 50; draw++) {
                long delay = Duration.between(owed, policy.next(attempt, owed, owed, null))
                        .toMillis();
                assertThat(delay).as("attempt " + attempt).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void retryAfterIsHonouredAndTheWindowEnds() {
        Instant next = policy.next(1, owed, owed, Duration.ofSeconds(30));
        assertThat(Duration.between(owed, next)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(policy.next(3, owed, owed.plus(Duration.ofHours(24)), null)).isNull();
    }
}
