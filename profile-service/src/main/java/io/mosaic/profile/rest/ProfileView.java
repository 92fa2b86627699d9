package io.mosaic.profile.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventJson;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.persistence.DerivedStore;
import io.mosaic.profile.persistence.IdentifierStore;
import io.mosaic.profile.persistence.TimelineStore;
import io.mosaic.profile.service.ProfileQueries;
import io.mosaic.profile.traits.LwwFields;
import io.mosaic.profile.traits.TraitFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON of API.md's profile and timeline. */
final class ProfileView {
    /** Purposes and whether they hold until the customer says otherwise: profiling is the tenant's legal basis. */
    private static final Map<String, Boolean> CONSENT_DEFAULTS =
            Map.of("profiling", true, "marketing", false, "analytics", false);

    private ProfileView() {}

    static ObjectNode of(ProfileQueries.Profile profile) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("customerId", profile.row().customerId);
        ArrayNode merged = json.putArray("mergedCustomerIds");
        profile.mergedCustomerIds().forEach(merged::add);
        json.set("identifiers", identifiers(profile.identifiers()));
        json.set("traits", TraitFacts.nested(profile.row().traits));
        json.set("behavior", profile.behavior().map(b -> parse(b.summaryJson())).orElse(null));
        ArrayNode segments = json.putArray("segments");
        for (DerivedStore.Membership membership : profile.segments()) {
            segments.addObject()
                    .put("id", membership.segmentId())
                    .put("name", membership.segmentName())
                    .put("since", membership.since().toString());
        }
        json.set("consent", consent(profile.row().consent));
        json.put("firstSeenAt", profile.row().firstSeenAt.toString());
        json.put("lastSeenAt", profile.row().lastSeenAt.toString());
        json.put("updatedAt", profile.row().updatedAt.toString());
        json.put("version", profile.row().version);
        return json;
    }

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

    /** Every identifier the customer and the customers merged into it presented, oldest first. */
    private static ObjectNode identifiers(List<IdentifierStore.Presented> presented) {
        Map<IdentifierKey.Kind, LinkedHashSet<String>> byKind = new TreeMap<>();
        Map<String, LinkedHashSet<String>> external = new TreeMap<>();
        for (IdentifierStore.Presented identifier : presented) {
            String value = identifier.key().value();
            if (identifier.key().kind() == IdentifierKey.Kind.EXTERNAL) {
                int colon = value.indexOf(':');
                external.computeIfAbsent(value.substring(0, colon), s -> new LinkedHashSet<>())
                        .add(value.substring(colon + 1));
            } else {
                byKind.computeIfAbsent(identifier.key().kind(), k -> new LinkedHashSet<>())
                        .add(value);
            }
        }
        ObjectNode json = EventJson.mapper().createObjectNode();
        list(json, "emails", byKind.get(IdentifierKey.Kind.EMAIL));
        list(json, "phones", byKind.get(IdentifierKey.Kind.PHONE));
        list(json, "whatsapp", byKind.get(IdentifierKey.Kind.WHATSAPP));
        ObjectNode externalIds = json.putObject("externalIds");
        external.forEach((system, ids) -> list(externalIds, system, ids));
        return json;
    }

    private static void list(ObjectNode json, String field, Iterable<String> values) {
        ArrayNode array = json.putArray(field);
        if (values != null) {
            values.forEach(array::add);
        }
    }

    private static ObjectNode consent(LwwFields decisions) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        new TreeMap<>(CONSENT_DEFAULTS).forEach((purpose, byDefault) -> {
            LwwFields.Stamped decision = decisions.fields().get(purpose);
            json.put(purpose, decision == null ? byDefault : decision.value().asBoolean());
        });
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
