package io.mosaic.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.time.Instant;

/** The one JSON form of events on the topics: every producer and consumer goes through here. */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("instant-text")
                    .addSerializer(Instant.class, new InstantText.Serializer())
                    .addDeserializer(Instant.class, new Timestamps.Deserializer()))
            .addModule(new BlackbirdModule()) // generated accessors instead of reflection, both ways
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final EventDecoder DECODER = new EventDecoder(MAPPER);

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
            return DECODER.decode(json);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException(e.getMessage(), e);
        }
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
