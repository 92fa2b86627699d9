package io.mosaic.profile.readmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.mosaic.events.EventJson;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.stream.Identifiers;
import io.mosaic.profile.stream.ProfileState;
import io.mosaic.profile.traits.TraitFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile as the read model serves it, rendered from the topology's state of a customer: the document
 * {@code GET /v1/profiles} answers, and the keys it is found by ({@code id} its own id and every id merged into it;
 * each identifier by its kind).
 */
public final class ProfileDocument {
    private ProfileDocument() {}

    /** The lookup keys: {@code [kind, value]} pairs. */
    public static List<String[]> lookupKeys(String customerId, ProfileState state) {
        List<String[]> keys = new ArrayList<>();
        keys.add(new String[] {"id", customerId});
        state.aliases.forEach(alias -> keys.add(new String[] {"id", alias}));
        state.identifiers.keySet().forEach(identifier -> {
            int colon = identifier.indexOf(':');
            keys.add(new String[] {identifier.substring(0, colon), identifier.substring(colon + 1)});
        });
        return keys;
    }

    /** The profile as docs/API.md gives it. */
    public static byte[] render(String customerId, ProfileState state) {
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
                    int split = key.value().indexOf(':');
                    external.computeIfAbsent(key.value().substring(0, split), system -> new ArrayList<>())
                            .add(key.value().substring(split + 1));
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
