package io.mosaic.profile.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest timeline entries of each customer, in the {@code timeline} store: one key per entry,
 * {@code tenant:customerId} NUL {@link Entry#position}, so a customer's entries are one prefix, oldest first. The
 * value is the entry as the API serves it. The store's changelog is what the read model copies into PostgreSQL:
 * a put is a row, a tombstone (trimmed, moved by a merge, erased) a deleted row.
 */
final class TimelineEntries {
    private static final StringSerializer KEYS = new StringSerializer();

    /**
     * One entry: {@code position} is the event's instant in microseconds since the epoch, 16 hex digits, then its
     * id, so that keys sort by time; {@code json} the served entry.
     */
    record Entry(String position, byte[] json) {}

    private final KeyValueStore<String, byte[]> store;
    private final int maxPerCustomer;

    TimelineEntries(KeyValueStore<String, byte[]> store, int maxPerCustomer) {
        this.store = store;
        this.maxPerCustomer = maxPerCustomer;
    }

    /** The entry as the API serves it, written field by field (no tree of the event in between). */
    static Entry entryOf(InteractionEvent event) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eventId", event.eventId());
            json.writeStringField("type", event.type().wireName());
            json.writeStringField("occurredAt", event.occurredAt().toString());
            json.writeStringField("customerId", event.customerId());
            if (event.channel() != null) {
                json.writeStringField("channel", event.channel().name().toLowerCase(Locale.ROOT));
            }
            json.writeStringField("source", event.source());
            json.writeFieldName("properties");
            EventJson.mapper().writeValue(json, event.properties());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Entry(position(event.occurredAt(), event.eventId()), out.toByteArray());
    }

    static String position(Instant at, String eventId) {
        String micros = Long.toHexString(Math.max(0, ChronoUnit.MICROS.between(Instant.EPOCH, at)));
        return "0".repeat(16 - micros.length()) + micros + eventId;
    }

    /** The store key's parts: {@code [tenant:customerId, position]}. */
    static String[] split(String storeKey) {
        int nul = storeKey.indexOf('\u0000');
        return new String[] {storeKey.substring(0, nul), storeKey.substring(nul + 1)};
    }

    /** Adds the entries the customer does not have yet, then drops its oldest beyond the limit. */
    void add(String key, ProfileState state, List<Entry> entries) {
        for (Entry entry : entries) {
            String storeKey = key + '\u0000' + entry.position();
            if (store.get(storeKey) == null) {
                store.put(storeKey, entry.json());
                state.timelineEntries++;
            }
        }
        int excess = state.timelineEntries - maxPerCustomer;
        if (excess > 0) {
            List<String> oldest = new ArrayList<>(excess);
            try (KeyValueIterator<String, byte[]> all = store.prefixScan(key + '\u0000', KEYS)) {
                while (all.hasNext() && oldest.size() < excess) {
                    oldest.add(all.next().key);
                }
            }
            oldest.forEach(store::delete);
            state.timelineEntries -= oldest.size();
        }
    }

    /** Takes every entry of the customer out of the store: to move them to a survivor, or erase them. */
    List<Entry> removeAll(String key) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(key + '\u0000', KEYS)) {
            all.forEachRemaining(entry -> entries.add(new Entry(split(entry.key)[1], entry.value)));
        }
        entries.forEach(entry -> store.delete(key + '\u0000' + entry.position()));
        return entries;
    }
}
