package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void opensAfterTheThresholdTriesOneCallAfterTheWaitAndClosesOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10));
        breaker.failed(0);
        breaker.failed(0);
        assertThat(breaker.allows(0)).isTrue();
        breaker.failed(0);
        assertThat(breaker.allows(SECOND)).as("open").isFalse();
        assertThat(breaker.isOpen(SECOND)).isTrue();

        assertThat(breaker.allows(11 * SECOND)).as("half-open: one trial").isTrue();
        assertThat(breaker.allows(11 * SECOND)).as("only one at a time").isFalse();
        breaker.succeeded();
        assertThat(breaker.allows(11 * SECOND)).isTrue();
        assertThat(breaker.isOpen(11 * SECOND)).isFalse();
    }

    @Test
    void aFailedTrialOpensAgain() {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(10));
        breaker.failed(0);
        assertThat(breaker.allows(11 * SECOND)).isTrue();
        breaker.failed(11 * SECOND);
        assertThat(breaker.allows(12 * SECOND)).isFalse();
    }
}
