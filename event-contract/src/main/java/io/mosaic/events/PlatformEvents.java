package io.mosaic.events;

import io.mosaic.events.properties.CustomerErased;
import io.mosaic.events.properties.CustomerMerged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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

    /**
     * The platform's decision that {@code absorbed} is the same person as {@code survivor}. The id is derived from
     * the pair, so deciding it again has no further effect.
     */
    public static InteractionEvent merge(
            String tenant, String survivor, String absorbed, Instant decidedAt, String reason) {
        return new InteractionEvent(
                "merge-"
                        + UUID.nameUUIDFromBytes(
                                (tenant + "\n" + survivor + "\n" + absorbed).getBytes(StandardCharsets.UTF_8)),
                EventType.CUSTOMER_MERGED,
                decidedAt,
                decidedAt,
                tenant,
                SOURCE,
                survivor,
                null,
                Identifiers.NONE,
                new CustomerMerged(absorbed, Map.of("reason", reason)),
                InteractionEvent.SCHEMA_VERSION);
    }
}
