package io.mosaic.testing;

import io.mosaic.events.EventJson;
import io.mosaic.events.EventValidator;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds valid events for tests from a compact JSON snippet of their type-specific part (single quotes allowed). */
public final class TestEvents {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final EventValidator VALIDATOR = new EventValidator(Clock.systemUTC());

    private TestEvents() {}

    /** A fresh number, for ids that must not repeat. */
    public static long next() {
        return SEQUENCE.incrementAndGet();
    }

    public static InteractionEvent event(String tenant, String customerId, String type, Instant at, String extraJson) {
        String json = ("{'eventId': 'e-" + SEQUENCE.incrementAndGet() + "', 'type': '" + type + "', 'occurredAt': '"
                        + at
                        + "', 'source': 'test', 'customerId': '" + customerId + "'"
                        + (extraJson.isEmpty() ? "" : ", " + extraJson) + "}")
                .replace('\'', '"');
        try {
            ValidationResult result = VALIDATOR.validate(EventJson.mapper().readTree(json), tenant);
            if (!result.valid()) {
                throw new IllegalArgumentException(result.errors().toString());
            }
            return result.event();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads JSON written with single quotes, which keeps rules readable in tests. */
    public static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text.replace('\'', '"'));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
