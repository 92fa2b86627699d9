package io.mosaic.segmentation.destinations;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: exponential backoff from {@code initial}, doubling up to {@code max}, with
 * jitter (a random point in the upper half of the interval, so that receivers coming back are not hit by every
 * delivery at once); never sooner than the receiver's {@code Retry-After}. After {@code giveUpAfter} since the
 * delivery was owed, it is dead-lettered instead.
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) {

    /** The next attempt's time after attempt number {@code attempts} failed, or null: give up. */
    public Instant next(int attempts, Instant owedAt, Instant now, Duration retryAfter) {
        double factor = Math.pow(2, Math.min(30, Math.max(0, attempts - 1)));
        long ceiling = (long) Math.min(max.toMillis(), initial.toMillis() * factor);
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        Instant next = now.plusMillis(delay);
        return next.isAfter(owedAt.plus(giveUpAfter)) ? null : next;
    }
}
