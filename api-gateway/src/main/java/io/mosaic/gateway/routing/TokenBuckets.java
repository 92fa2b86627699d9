package io.mosaic.gateway.routing;

import io.mosaic.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key: {@code rate} requests per second sustained, {@code burst} at once. Per gateway instance. */
@ApplicationScoped
public class TokenBuckets {
    private final double rate;
    private final double burst;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public TokenBuckets(GatewayConfig config) {
        this(config.gateway().rateLimit().rate(), config.gateway().rateLimit().burst());
    }

    TokenBuckets(double rate, double burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** Zero when the request may go; otherwise the seconds to wait (at least 1) before the next one may. */
    public long take(String key, long nowNanos) {
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(burst, rate, nowNanos));
        synchronized (bucket) {
            return bucket.take(nowNanos);
        }
    }
}
