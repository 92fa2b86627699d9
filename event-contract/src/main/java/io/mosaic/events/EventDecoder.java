package io.mosaic.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.mosaic.events.properties.EventProperties;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an event from its JSON in one pass over the tokens: the envelope's fields as they come, the properties
 * copied into a token buffer (their type may be named after them) and checked against {@link NumberBounds} on the
 * way, then bound to the type's class. A tree of the whole record cost twice as much in the consumers' profiles.
 */
final class EventDecoder {
    private static final long LARGEST_WHOLE = 999_999_999_999_999L; // below 10^MAX_DIGITS_BEFORE_POINT

    private final ObjectMapper mapper;
    private final Map<EventType, ObjectReader> properties = new EnumMap<>(EventType.class);
    private final ObjectReader identifiers;

    EventDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
        for (EventType type : EventType.values()) {
            properties.put(type, mapper.readerFor(type.propertiesType()));
        }
        this.identifiers = mapper.readerFor(Identifiers.class);
    }

    InteractionEvent decode(byte[] json) throws IOException {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new EventJson.MalformedEventException("not a JSON object");
            }
            Envelope envelope = new Envelope();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                parser.nextToken();
                envelope.read(field, parser);
            }
            return envelope.event();
        }
    }

    private final class Envelope {
        private String eventId;
        private String type;
        private String occurredAt;
        private String receivedAt;
        private String tenant;
        private String source;
        private String customerId;
        private String channel;
        private Identifiers identifiers = Identifiers.NONE;
        private TokenBuffer propertiesTokens;
        private int schemaVersion = InteractionEvent.SCHEMA_VERSION;

        void read(String field, JsonParser parser) throws IOException {
            switch (field) {
                case "eventId" -> eventId = text(parser);
                case "type" -> type = text(parser);
                case "occurredAt" -> occurredAt = text(parser);
                case "receivedAt" -> receivedAt = text(parser);
                case "tenant" -> tenant = text(parser);
                case "source" -> source = text(parser);
                case "customerId" -> customerId = text(parser);
                case "channel" -> channel = text(parser);
                case "identifiers" ->
                    identifiers = parser.currentToken() == JsonToken.VALUE_NULL
                            ? Identifiers.NONE
                            : EventDecoder.this.identifiers.readValue(parser);
                case "properties" -> propertiesTokens = boundedCopy(parser);
                case "schemaVersion" -> schemaVersion = parser.getValueAsInt(InteractionEvent.SCHEMA_VERSION);
                default -> parser.skipChildren();
            }
        }

        InteractionEvent event() throws IOException {
            EventType eventType = EventType.fromWireName(required(type, "type"));
            return new InteractionEvent(
                    required(eventId, "eventId"),
                    eventType,
                    Timestamps.parse(required(occurredAt, "occurredAt")),
                    receivedAt == null ? null : Timestamps.parse(receivedAt),
                    required(tenant, "tenant"),
                    source,
                    required(customerId, "customerId"),
                    channel == null ? null : Channel.valueOf(channel.toUpperCase(Locale.ROOT)),
                    identifiers,
                    properties(eventType),
                    schemaVersion);
        }

        private EventProperties properties(EventType eventType) throws IOException {
            ObjectReader reader = properties.get(eventType);
            if (propertiesTokens == null) {
                return reader.readValue(mapper.createObjectNode());
            }
            try (JsonParser tokens = propertiesTokens.asParser()) {
                return reader.readValue(tokens);
            }
        }
    }

    /** A string value; null for a JSON null; anything else makes the record malformed. */
    private static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new EventJson.MalformedEventException(parser.currentName() + " must be a string");
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new EventJson.MalformedEventException("missing " + field);
        }
        return value;
    }

    /** The properties' tokens (null for a JSON null), every number checked against {@link NumberBounds}. */
    private TokenBuffer boundedCopy(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        TokenBuffer copy = new TokenBuffer(mapper, false); // its own root: paths start at the properties
        copy.copyCurrentStructure(parser);
        try (JsonParser tokens = copy.asParser()) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                if (token.isNumeric() && !withinBounds(tokens)) {
                    throw new EventJson.MalformedEventException(
                            "properties" + path(tokens.getParsingContext()) + " " + NumberBounds.RULE);
                }
            }
        }
        return copy;
    }

    private static boolean withinBounds(JsonParser number) throws IOException {
        JsonParser.NumberType kind = number.getNumberType();
        if (kind == JsonParser.NumberType.INT || kind == JsonParser.NumberType.LONG) {
            long value = number.getLongValue();
            return value >= -LARGEST_WHOLE && value <= LARGEST_WHOLE;
        }
        if ((kind == JsonParser.NumberType.DOUBLE || kind == JsonParser.NumberType.FLOAT)
                && !Double.isFinite(number.getDoubleValue())) {
            return false;
        }
        return NumberBounds.of(number.getDecimalValue()).isPresent();
    }

    /** Where the parser is below the properties, as {@code .items[0].unitPrice}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.insert(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        return path.toString();
    }
}
