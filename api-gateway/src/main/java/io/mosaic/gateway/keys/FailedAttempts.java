package io.mosaic.gateway.keys;

import io.mosaic.gateway.GatewayConfig;
import io.mosaic.gateway.routing.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refused keys per client address, as a token bucket: {@code burst} refusals at once, then {@code per-minute}.
 * An address out of tokens gets 429 before its keys are looked up, so guessing keys, or flooding the key store
 * with unknown ones, is slow from any one address. At most {@link #MAX_ADDRESSES} addresses are tracked; the
 * least recently seen is forgotten first.
 */
@ApplicationScoped
public class FailedAttempts {
    static final int MAX_ADDRESSES = 10_000;

    private final double burst;
    private final double perSecond;
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    @Inject
    public FailedAttempts(GatewayConfig config) {
        this(
                config.gateway().failedKeys().burst(),
                config.gateway().failedKeys().perMinute());
    }

    FailedAttempts(int burst, int perMinute) {
        this.burst = burst;
        this.perSecond = perMinute / 60.0;
    }

    /** Zero when {@code address} may try a key; otherwise the seconds until it may (at least 1). */
    public synchronized long waitSeconds(String address, long nowNanos) {
        TokenBucket bucket = buckets.get(address);
        return bucket == null ? 0 : bucket.waitSeconds(nowNanos);
    }

    /** Counts one refused key from {@code address}. */
    public synchronized void refused(String address, long nowNanos) {
        buckets.computeIfAbsent(address, a -> new TokenBucket(burst, perSecond, nowNanos))
                .spend(nowNanos);
    }
}
