package io.mosaic.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Everything the ingestion service can be told, under {@code mosaic.*}. */
@ConfigMapping(prefix = "mosaic")
public interface IngestionConfig {

    /** Shared secret the api-gateway sends with every call; requests without it are refused. */
    String internalToken();

    Ingestion ingestion();

    interface Ingestion {
        /** Largest body of {@code POST /v1/events}. */
        @WithDefault("1048576")
        int maxEventBytes();

        /** Largest body of {@code POST /v1/events/batch}. */
        @WithDefault("5242880")
        int maxBatchBytes();

        @WithDefault("1000")
        int maxBatchEvents();

        /** How long a request may wait for Kafka before it is answered 503. */
        @WithDefault("10s")
        Duration publishTimeout();

        /** What a 503 tells clients to wait before retrying. */
        @WithDefault("5s")
        Duration retryAfter();

        /**
         * Threads that write batches to Kafka, each with its own transactional producer (1-64). The batches that
         * arrive while every writer is busy share the next transaction.
         */
        @WithDefault("4")
        int batchProducers();

        /**
         * At most this many events in one shared transaction, 1-100,000 (a larger batch still goes whole, alone).
         */
        @WithDefault("5000")
        int transactionMaxEvents();

        /**
         * Makes transactional ids unique per running instance (set it to the pod name on Kubernetes); a random id
         * when absent.
         */
        Optional<String> instanceId();
    }
}
