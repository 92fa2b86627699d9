package io.mosaic.events;

import io.mosaic.events.properties.CustomerErased;
import java.time.Instant;
import java.util.UUID;

/** Events the platform itself produces, which clients may not send. */
public final class PlatformEvents {
    public static final String SOURCE = "mosaic";

    private PlatformEvents() {}

    /** The request to erase a customer everywhere; it carries no personal data beyond the id to erase. */
    public static InteractionEvent erasure(String tenant, String customerId, Instant requestedAt) {
        return new InteractionEvent(
                "erasure-" + UUID.randomUUID(),
                EventType.CUSTOMER_ERASED,
                requestedAt,
                requestedAt,
                tenant,
                SOURCE,
                customerId,
                null,
                Identifiers.NONE,
                new CustomerErased(),
                InteractionEvent.SCHEMA_VERSION);
    }
}
