package io.mosaic.events.properties;

import java.math.BigDecimal;
import java.util.Map;

/** {@code ticket.resolved}; the durations are in minutes and optional. */
public record TicketResolved(
        String ticketId,
        BigDecimal firstResponseMinutes,
        BigDecimal resolutionMinutes,
        Boolean reopened,
        Map<String, Object> custom)
        implements EventProperties {}
