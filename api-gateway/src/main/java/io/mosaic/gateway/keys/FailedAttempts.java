package io.mosaic.gateway.keys;

import io.mosaic.gateway.GatewayConfig;
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
    private final double perNano;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
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
        this.perNano = perMinute / 60e9;
    }

    /** Zero when {@code address} may try a key; otherwise the seconds until it may (at least 1). */
    public synchronized long waitSeconds(String address, long nowNanos) {
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            return 0;
        }
        refill(bucket, nowNanos);
        return bucket.tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
    }

    /** Counts one refused key from {@code address}. */
    public synchronized void refused(String address, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(burst, nowNanos));
        refill(bucket, nowNanos);
        bucket.tokens = Math.max(0, bucket.tokens - 1);
    }

    private void refill(Bucket bucket, long nowNanos) {
        bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.at) * perNano);
        bucket.at = nowNanos;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
