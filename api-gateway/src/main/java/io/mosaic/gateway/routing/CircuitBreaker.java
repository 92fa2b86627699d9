package io.mosaic.gateway.routing;

import java.time.Duration;

/**
 * One per downstream service: after {@code threshold} consecutive failures it opens and calls fail fast for
 * {@code openFor}; then one call at a time tries the service again, and a success closes it.
 */
final class CircuitBreaker {
    private final int threshold;
    private final long openForNanos;
    private int failures;
    private long openUntil;
    private boolean trying;

    CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
    }

    synchronized boolean allows(long nowNanos) {
        if (failures < threshold) {
            return true;
        }
        if (nowNanos - openUntil < 0 || trying) {
            return false;
        }
        trying = true; // half-open: this one call tries
        return true;
    }

    synchronized void succeeded() {
        failures = 0;
        trying = false;
    }

    synchronized void failed(long nowNanos) {
        failures++;
        trying = false;
        if (failures >= threshold) {
            openUntil = nowNanos + openForNanos;
        }
    }

    synchronized boolean isOpen(long nowNanos) {
        return failures >= threshold && nowNanos - openUntil < 0;
    }
}
