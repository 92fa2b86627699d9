package io.mosaic.events;

import io.mosaic.events.properties.EventProperties;
import java.time.Instant;

/**
 * One fact on {@code mosaic.interactions}: the envelope of docs/EVENTS.md with typed {@code properties}. Instances are
 * built by {@link EventValidator} (from client input) or {@link EventJson} (from the topic), so they are valid.
 */
public record InteractionEvent(
        String eventId,
        EventType type,
        Instant occurredAt,
        Instant receivedAt,
        String tenant,
        String source,
        String customerId,
        Channel channel,
        Identifiers identifiers,
        EventProperties properties,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public InteractionEvent {
        identifiers = identifiers == null ? Identifiers.NONE : identifiers;
    }

    /** The record key: all events of one customer share it, so they stay in order on one partition. */
    public String key() {
        return key(tenant, customerId);
    }

    public static String key(String tenant, String customerId) {
        return tenant + ":" + customerId;
    }

    public <P extends EventProperties> P propertiesAs(Class<P> type) {
        return type.cast(properties);
    }
}
