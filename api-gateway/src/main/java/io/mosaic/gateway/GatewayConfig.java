package io.mosaic.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code mosaic.*} settings of the gateway. */
@ConfigMapping(prefix = "mosaic")
public interface GatewayConfig {
    /** The shared secret the services require on every call; the gateway adds it, callers never see it. */
    String internalToken();

    Gateway gateway();

    interface Gateway {
        /** A platform administrator key from configuration: manages keys of every tenant. */
        Optional<String> bootstrapAdminKey();

        /** The secret mixed into key hashes; a stolen table without it verifies nothing. */
        String keyPepper();

        /** How long a verified key is trusted without looking again: the bound on revocation delay. */
        @WithDefault("5s")
        Duration keyCacheTtl();

        /** How many refused keys one client address may send before it must wait (429). */
        FailedKeys failedKeys();

        Services services();

        RateLimit rateLimit();

        Downstream downstream();

        ProfileReads profileReads();
    }

    interface ProfileReads {
        /** Answer reads that find exactly one ready profile from the profile read model (ReadyProfiles). */
        @WithDefault("true")
        boolean enabled();
    }

    interface FailedKeys {
        /** Refused keys an address may send at once. */
        @WithDefault("20")
        int burst();

        /** Refused keys an address may send per minute after its burst. */
        @WithDefault("10")
        int perMinute();
    }

    interface Services {
        String ingestion();

        String profile();

        String segmentation();
    }

    interface RateLimit {
        /** Requests per second per key, sustained. */
        @WithDefault("200")
        int rate();

        /** Requests a key may send at once after being idle. */
        @WithDefault("400")
        int burst();
    }

    interface Downstream {
        /**
         * Longer than ingestion's publish timeout (10 s), so that a client gets ingestion's own answer, 202 or a
         * definite 503, rather than a 504 that leaves it guessing whether the event was taken.
         */
        @WithDefault("15s")
        Duration timeout();

        /** Consecutive failures (no connection, no answer in time, 503) that open a service's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one call tries the service again. */
        @WithDefault("10s")
        Duration openFor();
    }
}
