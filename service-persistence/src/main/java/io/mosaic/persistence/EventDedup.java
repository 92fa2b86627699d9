package io.mosaic.persistence;

import io.mosaic.events.InteractionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Remembers applied event ids per tenant, so a client's retry of an event has effect once. */
@ApplicationScoped
public class EventDedup {
    private final Jdbc jdbc;

    public EventDedup(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The events whose ids were not applied before, once each, in their order; records their ids. */
    public List<InteractionEvent> fresh(String tenant, List<InteractionEvent> events, Instant now) {
        Set<String> fresh =
                firstSeen(tenant, events.stream().map(InteractionEvent::eventId).toList(), now);
        Map<String, InteractionEvent> unique = new LinkedHashMap<>();
        events.stream()
                .filter(event -> fresh.contains(event.eventId()))
                .forEach(event -> unique.putIfAbsent(event.eventId(), event));
        return List.copyOf(unique.values());
    }

    /** Records the ids and answers those not seen before. */
    public Set<String> firstSeen(String tenant, Collection<String> eventIds, Instant now) {
        return new HashSet<>(jdbc.query(
                "insert into applied_event (tenant, event_id, applied_at) select ?, id, ? from unnest(?) as id"
                        + " on conflict do nothing returning event_id",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setTimestamp(2, Jdbc.timestamp(now));
                    statement.setArray(3, Jdbc.textArray(statement, new HashSet<>(eventIds)));
                },
                row -> row.getString(1)));
    }

    /** Forgets ids applied before {@code cutoff}; a retry older than that would count again. */
    public int forgetBefore(Instant cutoff) {
        return jdbc.update(
                "delete from applied_event where applied_at < ?",
                statement -> statement.setTimestamp(1, Jdbc.timestamp(cutoff)));
    }
}
