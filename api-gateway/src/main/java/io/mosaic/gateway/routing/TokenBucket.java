package io.mosaic.gateway.routing;

/**
 * One token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. Not thread-safe: its owner
 * synchronises.
 */
public final class TokenBucket {
    private final double burst;
    private final double perSecond;
    private double tokens;
    private long at;

    public TokenBucket(double burst, double perSecond, long nowNanos) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.tokens = burst;
        this.at = nowNanos;
    }

    /** Zero when a token is left; otherwise the seconds (at least 1) until one is. Takes nothing. */
    public long waitSeconds(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    /** Takes a token when one is left (answers 0); otherwise answers the seconds until one is. */
    public long take(long nowNanos) {
        long wait = waitSeconds(nowNanos);
        if (wait == 0) {
            tokens -= 1;
        }
        return wait;
    }

    /** Takes a token whether or not one is left (never below zero): for counting failures. */
    public void spend(long nowNanos) {
        refill(nowNanos);
        tokens = Math.max(0, tokens - 1);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - at) / 1e9 * perSecond);
        at = nowNanos;
    }
}
