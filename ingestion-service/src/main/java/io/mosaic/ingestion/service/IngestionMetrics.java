package io.mosaic.ingestion.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/** Events accepted and rejected, by type and reason, for dashboards and alerts. */
@ApplicationScoped
public class IngestionMetrics {
    static final String UNKNOWN_TYPE = "unknown";

    public enum Reason {
        INVALID,
        MALFORMED_JSON,
        TOO_LARGE,
        KAFKA_UNAVAILABLE
    }

    private final MeterRegistry registry;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(EventType type, int count) {
        Counter.builder("mosaic.events.accepted")
                .description("Events acknowledged by Kafka and answered 202/200")
                .tag("type", type.wireName())
                .register(registry)
                .increment(count);
    }

    public void rejected(EventType type, Reason reason, int count) {
        String typeTag = type == null ? UNKNOWN_TYPE : type.wireName();
        registry.counter(
                        "mosaic.events.rejected",
                        "type",
                        typeTag,
                        "reason",
                        reason.name().toLowerCase())
                .increment(count);
    }
}
