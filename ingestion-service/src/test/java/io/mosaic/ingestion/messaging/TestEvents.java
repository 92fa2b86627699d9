package io.mosaic.ingestion.messaging;

import io.mosaic.events.EventJson;
import io.mosaic.events.EventValidator;
import io.mosaic.events.InteractionEvent;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/** Valid events of tenant {@code acme} for the publishing tests. */
final class TestEvents {
    private static final EventValidator VALIDATOR = new EventValidator(Clock.systemUTC());

    private TestEvents() {}

    /** A chat message from {@code customerId}. */
    static InteractionEvent of(String customerId) {
        return VALIDATOR
                .validate(
                        EventJson.mapper()
                                .createObjectNode()
                                .put("type", "message.received")
                                .put("channel", "chat")
                                .put("occurredAt", "2026-11-30T10:00:00Z")
                                .put("source", "test")
                                .put("customerId", customerId),
                        "acme")
                .event();
    }

    /** Events from customers {@code prefix0}, {@code prefix1}, ... */
    static List<InteractionEvent> from(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> of(prefix + i)).toList();
    }
}
