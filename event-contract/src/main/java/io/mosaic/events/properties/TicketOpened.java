package io.mosaic.events.properties;

import java.util.Map;

/** {@code ticket.opened}. */
public record TicketOpened(
        String ticketId, String category, Priority priority, String subject, Map<String, Object> custom)
        implements EventProperties {

    public enum Priority {
        LOW,
        NORMAL,
        HIGH,
        URGENT
    }
}
