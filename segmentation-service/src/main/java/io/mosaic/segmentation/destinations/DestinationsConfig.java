package io.mosaic.segmentation.destinations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery, under {@code mosaic.destinations.*} (docs/DESTINATIONS.md). */
@ConfigMapping(prefix = "mosaic.destinations")
public interface DestinationsConfig {
    /**
     * Address ranges (CIDR) a destination may point into although they are private, loopback or link-local, and
     * where plain {@code http} is allowed. None in production: no request forgery into the platform's network.
     */
    Optional<List<String>> allowedRanges();

    /** The key that encrypts signing secrets at rest; defaults to one derived from the internal token. */
    Optional<String> secretKey();

    /** The profile service, where the profile fields a destination asks for are read when a delivery is sent. */
    String profileUrl();

    @WithDefault("20")
    int maxPerTenant();

    /** The first retry's delay; each next one doubles, up to {@link #maxInterval()}, with jitter. */
    @WithDefault("1s")
    Duration initialInterval();

    @WithDefault("10m")
    Duration maxInterval();

    /** How long a delivery is retried before it is dead-lettered. */
    @WithDefault("24h")
    Duration giveUpAfter();

    @WithDefault("10s")
    Duration timeout();

    /** Requests in flight to one destination at once: a slow one holds only its own. */
    @WithDefault("4")
    int concurrency();

    @WithDefault("250ms")
    Duration pollInterval();
}
