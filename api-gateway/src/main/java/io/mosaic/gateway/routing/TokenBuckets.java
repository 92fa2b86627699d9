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
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.at) / 1e9 * rate);
            bucket.at = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / rate));
        }
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
