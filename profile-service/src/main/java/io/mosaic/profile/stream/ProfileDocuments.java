package io.mosaic.profile.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.mosaic.events.EventJson;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.traits.TraitFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The read model's input, as two stores whose changelogs PostgreSQL copies: {@code documents} holds each profile's
 * complete JSON as {@code GET /v1/profiles} serves it, {@code lookups} the keys it is found by ({@code id:} its own
 * id and every id merged into it, and each identifier as {@code kind:value}), NUL-separated. Both stores cache, so a
 * customer changed by many records between two commits reaches the changelog once.
 */
public final class ProfileDocuments {
    public static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, byte[]> documents;
    private final KeyValueStore<String, byte[]> lookups;

    ProfileDocuments(KeyValueStore<String, byte[]> documents, KeyValueStore<String, byte[]> lookups) {
        this.documents = documents;
        this.lookups = lookups;
    }

    void write(String key, String customerId, ProfileState state, boolean lookupsChanged) {
        documents.put(key, render(customerId, state));
        if (lookupsChanged) {
            lookups.put(key, lookupKeys(customerId, state).getBytes(StandardCharsets.UTF_8));
        }
    }

    void remove(String key) {
        documents.delete(key);
        lookups.delete(key);
    }

    static String lookupKeys(String customerId, ProfileState state) {
        StringBuilder keys = new StringBuilder("id:").append(customerId);
        state.aliases.forEach(alias -> keys.append(SEPARATOR).append("id:").append(alias));
        state.identifiers.keySet().forEach(identifier -> keys.append(SEPARATOR).append(identifier));
        return keys.toString();
    }

    /** The profile as docs/API.md gives it. */
    static byte[] render(String customerId, ProfileState state) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("customerId", customerId);
        ArrayNode merged = json.putArray("mergedCustomerIds");
        state.aliases.forEach(merged::add);
        json.set("identifiers", identifiers(state.identifiers));
        json.set("traits", TraitFacts.nested(state.traits));
        if (state.behavior == null) {
            json.putNull("behavior");
        } else {
            json.putRawValue("behavior", new RawValue(state.behavior)); // segmentation's JSON, not parsed again
        }
        ArrayNode segments = json.putArray("segments");
        state.segments.forEach((id, membership) -> segments.addObject()
                .put("id", id)
                .put("name", membership.name())
                .put("since", membership.since().toString()));
        ObjectNode consent = json.putObject("consent");
        consent.put("analytics", granted(state, "analytics", false));
        consent.put("marketing", granted(state, "marketing", false));
        consent.put("profiling", granted(state, "profiling", true));
        json.put("firstSeenAt", state.firstSeenAt.toString());
        json.put("lastSeenAt", state.lastSeenAt.toString());
        json.put("updatedAt", state.updatedAt.toString());
        json.put("version", state.version);
        try {
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each kind's values by when first presented, then by value; external ids by system. */
    private static ObjectNode identifiers(Map<String, Instant> stored) {
        List<Map.Entry<String, Instant>> ordered = new ArrayList<>(stored.entrySet());
        ordered.sort(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        ObjectNode json = EventJson.mapper().createObjectNode();
        ArrayNode emails = json.putArray("emails");
        ArrayNode phones = json.putArray("phones");
        ArrayNode whatsapp = json.putArray("whatsapp");
        Map<String, List<String>> external = new TreeMap<>();
        for (Map.Entry<String, Instant> entry : ordered) {
            IdentifierKey key = Identifiers.parse(entry.getKey());
            switch (key.kind()) {
                case EMAIL -> emails.add(key.value());
                case PHONE -> phones.add(key.value());
                case WHATSAPP -> whatsapp.add(key.value());
                case EXTERNAL -> {
                    int colon = key.value().indexOf(':');
                    external.computeIfAbsent(key.value().substring(0, colon), system -> new ArrayList<>())
                            .add(key.value().substring(colon + 1));
                }
            }
        }
        ObjectNode externalIds = json.putObject("externalIds");
        external.forEach((system, ids) -> ids.forEach(externalIds.putArray(system)::add));
        return json;
    }

    private static boolean granted(ProfileState state, String purpose, boolean byDefault) {
        var stamped = state.consent.fields().get(purpose);
        return stamped == null ? byDefault : stamped.value().asBoolean();
    }
}
