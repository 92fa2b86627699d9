package io.mosaic.profile.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventJson;
import io.mosaic.profile.persistence.TimelineStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON of a timeline entry; the profile itself is served as {@link io.mosaic.profile.persistence.ProfileReader} reads it. */
final class TimelineView {
    private TimelineView() {}

    static ObjectNode timelineEntry(TimelineStore.Entry entry) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("eventId", entry.eventId());
        json.put("type", entry.type());
        json.put("occurredAt", entry.occurredAt().toString());
        json.put("customerId", entry.originId());
        if (entry.channel() != null) {
            json.put("channel", entry.channel());
        }
        json.put("source", entry.source());
        json.set("properties", parse(entry.propertiesJson()));
        return json;
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
