package io.mosaic.ingestion.segmentspec;

import static io.mosaic.ingestion.segmentspec.SegmentSpecMapping.copyText;
import static io.mosaic.ingestion.segmentspec.SegmentSpecMapping.id;
import static io.mosaic.ingestion.segmentspec.SegmentSpecMapping.putIfAny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** {@code identify} and {@code group} messages as {@code customer.identified} (docs/SEGMENT.md). */
final class IdentifyMapping {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IdentifyMapping() {}

    /**
     * {@code group}: Mosaic has no accounts, so the customer's group becomes traits: {@code custom.groupId} and,
     * when the group's traits name it, {@code custom.groupName}.
     */
    static ObjectNode group(JsonNode message, ObjectNode event) {
        event.put("type", "customer.identified");
        ObjectNode custom = event.putObject("properties").putObject("traits").putObject("custom");
        String groupId = id(message.get("groupId"));
        if (groupId != null) {
            custom.put("groupId", groupId);
        }
        copyText(message.path("traits"), "name", custom, "groupName");
        return event;
    }

    /** {@code identify}: identifiers, and the traits Mosaic has a place for; any other scalar in custom. */
    static void identify(JsonNode traits, ObjectNode event, Instant receivedAt) {
        event.put("type", "customer.identified");
        ObjectNode identifiers = JSON.objectNode();
        copyText(traits, "email", identifiers, "email");
        copyText(traits, "phone", identifiers, "phone");
        if (!identifiers.isEmpty()) {
            event.set("identifiers", identifiers);
        }
        ObjectNode mapped = event.putObject("properties").putObject("traits");
        ObjectNode demographic = JSON.objectNode();
        copyText(traits, "gender", demographic, "gender");
        copyText(traits, "title", demographic, "occupation");
        if (traits.has("income")) {
            demographic.put("incomeBand", traits.get("income").asText());
        }
        Integer birthYear = birthYear(traits, receivedAt);
        if (birthYear != null) {
            demographic.put("birthYear", birthYear);
        }
        ObjectNode geographic = JSON.objectNode();
        JsonNode address = traits.path("address");
        copyText(address, "city", geographic, "city");
        copyText(address, "state", geographic, "region");
        copyText(address, "postalCode", geographic, "postalCode");
        String country = address.path("country").asText("");
        if (country.length() == 2) {
            geographic.put("country", country);
        }
        ObjectNode psychographic = JSON.objectNode();
        if (traits.path("interests").isArray()) {
            psychographic.set("interests", traits.get("interests"));
        }
        putIfAny(mapped, "demographic", demographic);
        putIfAny(mapped, "geographic", geographic);
        putIfAny(mapped, "psychographic", psychographic);
        ObjectNode custom = JSON.objectNode();
        traits.fields().forEachRemaining(entry -> {
            if (!IDENTIFY_MAPPED.contains(entry.getKey()) && entry.getValue().isValueNode()) {
                custom.set(entry.getKey(), entry.getValue());
            }
        });
        putIfAny(mapped, "custom", custom);
    }

    private static final Set<String> IDENTIFY_MAPPED =
            Set.of("email", "phone", "gender", "title", "income", "birthday", "age", "address", "interests");

    private static Integer birthYear(JsonNode traits, Instant receivedAt) {
        String birthday = traits.path("birthday").asText("");
        if (birthday.length() >= 10) {
            try {
                return LocalDate.parse(birthday.substring(0, 10)).getYear();
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (traits.path("age").canConvertToInt()) {
            return LocalDate.ofInstant(receivedAt, java.time.ZoneOffset.UTC).getYear()
                    - traits.get("age").asInt();
        }
        return null;
    }
}
