package io.mosaic.events.properties;

import java.util.Map;

/** {@code message.received} and {@code message.sent}; the direction is the event type. */
public record MessageExchanged(String ticketId, Map<String, Object> custom) implements EventProperties {}
