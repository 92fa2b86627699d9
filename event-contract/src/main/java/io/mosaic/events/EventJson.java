package io.mosaic.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.mosaic.events.properties.EventProperties;
import java.io.IOException;
import java.time.Instant;

/** The one JSON form of events on the topics: every producer and consumer goes through here. */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("instant-text").addSerializer(Instant.class, new InstantText.Serializer()))
            .addModule(new BlackbirdModule()) // generated accessors instead of reflection, both ways
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** A reader per event type's properties, and one for identifiers: resolved once, not per event. */
    private static final java.util.Map<EventType, ObjectReader> PROPERTIES = new java.util.EnumMap<>(EventType.class);

    private static final ObjectReader IDENTIFIERS = MAPPER.readerFor(Identifiers.class);

    static {
        for (EventType type : EventType.values()) {
            PROPERTIES.put(type, MAPPER.readerFor(type.propertiesType()));
        }
    }

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(InteractionEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event could not be serialised: " + event.eventId(), e);
        }
    }

    /**
     * Reads an event written by {@link #toBytes}. Unknown fields are ignored so that consumers keep working
     * when the contract gains optional fields.
     *
     * @throws MalformedEventException when the bytes are not an event of this contract
     */
    public static InteractionEvent fromBytes(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("empty record (tombstone)");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            EventType type = EventType.fromWireName(requiredText(root, "type"));
            JsonNode propertiesNode = propertiesOf(root);
            requireBoundedNumbers(propertiesNode, "properties");
            EventProperties properties = PROPERTIES.get(type).readValue(propertiesNode);
            return new InteractionEvent(
                    requiredText(root, "eventId"),
                    type,
                    Timestamps.parse(requiredText(root, "occurredAt")),
                    root.hasNonNull("receivedAt")
                            ? Timestamps.parse(root.get("receivedAt").asText())
                            : null,
                    requiredText(root, "tenant"),
                    root.path("source").asText(null),
                    requiredText(root, "customerId"),
                    root.hasNonNull("channel") ? channel(root.get("channel").asText()) : null,
                    root.hasNonNull("identifiers")
                            ? IDENTIFIERS.<Identifiers>readValue(root.get("identifiers"))
                            : Identifiers.NONE,
                    properties,
                    root.path("schemaVersion").asInt(InteractionEvent.SCHEMA_VERSION));
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    private static Channel channel(String wireName) {
        return Channel.valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Ingestion refuses numbers out of {@link NumberBounds}; a record that carries one anyway (written by an older
     * version or another producer) is malformed here, so it goes to the DLQ instead of into an aggregate.
     */
    private static void requireBoundedNumbers(JsonNode node, String path) {
        String outOfBounds = outOfBounds(node);
        if (outOfBounds != null) {
            throw new MalformedEventException(path + outOfBounds + " " + NumberBounds.RULE);
        }
    }

    /** The path below {@code node} of a number out of bounds, or null; strings are built only for a fault. */
    private static String outOfBounds(JsonNode node) {
        if (node.isNumber()) {
            return NumberBounds.of(node).isEmpty() ? "" : null;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String below = outOfBounds(field.getValue());
                if (below != null) {
                    return "." + field.getKey() + below;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String below = outOfBounds(node.get(i));
                if (below != null) {
                    return "[" + i + "]" + below;
                }
            }
        }
        return null;
    }

    private static JsonNode propertiesOf(JsonNode root) {
        JsonNode properties = root.get("properties");
        return properties == null || properties.isNull() ? MAPPER.createObjectNode() : properties;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedEventException("missing " + field);
        }
        return node.asText();
    }

    /** Thrown for a record that is not an event of this contract: a poison record, bound for the DLQ. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
