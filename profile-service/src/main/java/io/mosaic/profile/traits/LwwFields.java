package io.mosaic.profile.traits;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fields that are each last-writer-wins by the {@code occurredAt} of the event that set them, ties broken by the
 * larger {@code eventId}: applying the same events in any order, or twice, gives the same fields.
 */
public final class LwwFields {
    /** A field's value and the event that set it. */
    public record Stamped(JsonNode value, Instant at, String eventId) {
        boolean isLaterThan(Stamped other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime > 0 : eventId.compareTo(other.eventId) > 0;
        }
    }

    private final Map<String, Stamped> fields;

    public LwwFields() {
        this.fields = new TreeMap<>();
    }

    /** The fields as {@link #fields()} gave them: how a state store reads them back. */
    @JsonCreator
    public LwwFields(Map<String, Stamped> fields) {
        this.fields = new TreeMap<>(fields);
    }

    /** Sets the field unless a later event already set it; answers whether it changed. */
    public boolean set(String field, JsonNode value, Instant at, String eventId) {
        Stamped candidate = new Stamped(value, at, eventId);
        Stamped current = fields.get(field);
        if (current != null && !candidate.isLaterThan(current)) {
            return false;
        }
        fields.put(field, candidate);
        return true;
    }

    /** Takes every field of {@code other} that is later than this one's: the merge of two customers. */
    public boolean absorb(LwwFields other) {
        boolean changed = false;
        for (Map.Entry<String, Stamped> field : other.fields.entrySet()) {
            Stamped value = field.getValue();
            changed |= set(field.getKey(), value.value(), value.at(), value.eventId());
        }
        return changed;
    }

    @JsonValue
    public Map<String, Stamped> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
