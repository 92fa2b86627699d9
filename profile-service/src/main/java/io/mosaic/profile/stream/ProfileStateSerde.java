package io.mosaic.profile.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mosaic.events.EventJson;
import io.mosaic.profile.traits.LwwFields;
import io.mosaic.streams.BinaryReader;
import io.mosaic.streams.BinaryWriter;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@code profiles} store's values in a compact binary form: a version byte, then every field of
 * {@link ProfileState} in a fixed order ({@link BinaryWriter}'s primitives). A state is read and written once per
 * event, and the read model renders from the same bytes; in the Smile mapping this cost a third of the topology's
 * stream threads. Values written by the Smile mapping are still read, so a store built by an older version keeps
 * working.
 *
 * <p>Trait and consent values are the contract's scalars and lists of them, each written after a one-byte tag;
 * anything else a value could hold is written as JSON text, so nothing is lost.
 */
public final class ProfileStateSerde {
    static final byte VERSION = 0x50; // 'P'; Smile values start with ':'
    private static final Serde<ProfileState> SMILE = SmileSerde.of(ProfileState.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileStateSerde() {}

    public static Serde<ProfileState> serde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : write(state), (topic, bytes) -> read(bytes));
    }

    public static ProfileState read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != VERSION) {
            return SMILE.deserializer().deserialize(null, bytes);
        }
        try {
            return read(new BinaryReader(bytes, 1));
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read a profile state", e);
        }
    }

    static byte[] write(ProfileState state) {
        BinaryWriter out = BinaryWriter.withVersion(VERSION);
        out.writeNullableString(state.mergedInto);
        out.writeInt(state.aliases.size());
        state.aliases.forEach(out::writeString);
        out.writeNullableInstant(state.firstSeenAt);
        out.writeNullableInstant(state.lastSeenAt);
        out.writeNullableInstant(state.updatedAt);
        out.writeLong(state.version);
        fields(out, state.traits);
        fields(out, state.consent);
        out.writeInt(state.identifiers.size());
        state.identifiers.forEach((identifier, at) -> {
            out.writeString(identifier);
            out.writeInstant(at);
        });
        out.writeNullableString(state.behavior);
        out.writeInt(state.segments.size());
        state.segments.forEach((id, membership) -> {
            out.writeString(id);
            out.writeNullableString(membership.name());
            out.writeInstant(membership.since());
        });
        out.writeInt(state.timelineEntries);
        out.writeLong(state.lookupsVersion);
        out.writeRecentEventIds(state.seen());
        return out.toByteArray();
    }

    private static ProfileState read(BinaryReader in) {
        ProfileState state = new ProfileState();
        state.mergedInto = in.readNullableString();
        for (int i = in.readLength(); i > 0; i--) {
            state.aliases.add(in.readString());
        }
        state.firstSeenAt = in.readNullableInstant();
        state.lastSeenAt = in.readNullableInstant();
        state.updatedAt = in.readNullableInstant();
        state.version = in.readLong();
        state.traits = fields(in);
        state.consent = fields(in);
        for (int i = in.readLength(); i > 0; i--) {
            state.identifiers.put(in.readString(), in.readInstant());
        }
        state.behavior = in.readNullableString();
        for (int i = in.readLength(); i > 0; i--) {
            state.segments.put(in.readString(), new ProfileState.Membership(in.readNullableString(), in.readInstant()));
        }
        state.timelineEntries = in.readInt();
        state.lookupsVersion = in.readLong();
        state.seen(in.readRecentEventIds());
        in.expectEnd();
        return state;
    }

    private static void fields(BinaryWriter out, LwwFields fields) {
        out.writeInt(fields.fields().size());
        fields.fields().forEach((field, stamped) -> {
            out.writeString(field);
            value(out, stamped.value());
            out.writeInstant(stamped.at());
            out.writeNullableString(stamped.eventId());
        });
    }

    private static LwwFields fields(BinaryReader in) {
        Map<String, LwwFields.Stamped> fields = new TreeMap<>();
        for (int i = in.readLength(); i > 0; i--) {
            fields.put(in.readString(), new LwwFields.Stamped(value(in), in.readInstant(), in.readNullableString()));
        }
        return new LwwFields(fields);
    }

    /** The kinds of value, each written as one byte before the value. */
    private static final class Tag {
        static final byte TEXT = 1;
        static final byte INT = 2;
        static final byte LONG = 3;
        static final byte DECIMAL = 4;
        static final byte TRUE = 5;
        static final byte FALSE = 6;
        static final byte ARRAY = 7;
        static final byte NULL = 8;
        static final byte JSON = 9;
    }

    private static void value(BinaryWriter out, JsonNode value) {
        if (value == null || value.isNull()) {
            out.writeByte(Tag.NULL);
        } else if (value.isTextual()) {
            out.writeByte(Tag.TEXT);
            out.writeString(value.textValue());
        } else if (value.isInt()) {
            out.writeByte(Tag.INT);
            out.writeInt(value.intValue());
        } else if (value.isLong()) {
            out.writeByte(Tag.LONG);
            out.writeLong(value.longValue());
        } else if (value.isBigDecimal()) {
            out.writeByte(Tag.DECIMAL);
            out.writeDecimal(value.decimalValue());
        } else if (value.isBoolean()) {
            out.writeByte(value.booleanValue() ? Tag.TRUE : Tag.FALSE);
        } else if (value.isArray()) {
            out.writeByte(Tag.ARRAY);
            out.writeInt(value.size());
            value.forEach(element -> value(out, element));
        } else {
            out.writeByte(Tag.JSON);
            try {
                out.writeBytes(EventJson.mapper().writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static JsonNode value(BinaryReader in) {
        byte tag = in.readByte();
        return switch (tag) {
            case Tag.NULL -> NODES.nullNode();
            case Tag.TEXT -> NODES.textNode(in.readString());
            case Tag.INT -> NODES.numberNode(in.readInt());
            case Tag.LONG -> NODES.numberNode(in.readLong());
            case Tag.DECIMAL -> NODES.numberNode(in.readDecimal());
            case Tag.TRUE -> NODES.booleanNode(true);
            case Tag.FALSE -> NODES.booleanNode(false);
            case Tag.ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = in.readLength(); i > 0; i--) {
                    array.add(value(in));
                }
                yield array;
            }
            case Tag.JSON -> {
                try {
                    yield EventJson.mapper().readTree(in.readBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }
}
