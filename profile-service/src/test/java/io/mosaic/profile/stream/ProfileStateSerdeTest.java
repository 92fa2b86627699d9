package io.mosaic.profile.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mosaic.streams.SmileSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The {@code profiles} store's compact encoding gives back every field, and still reads the older Smile values. */
class ProfileStateSerdeTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00.123456Z");

    private static ProfileState everyField() {
        ProfileState state = new ProfileState();
        state.aliases.add("anonymous:a-1");
        state.aliases.add("c-2");
        state.firstSeenAt = AT;
        state.lastSeenAt = AT.plusSeconds(60);
        state.updatedAt = AT.plusSeconds(61);
        state.version = 42;
        state.traits.set("geographic.city", NODES.textNode("Bandung"), AT, "e-1");
        state.traits.set("demographic.birthYear", NODES.numberNode(1990), AT, "e-2");
        state.traits.set("custom.visits", NODES.numberNode(9_000_000_000L), AT, "e-3");
        state.traits.set("custom.score", NODES.numberNode(new BigDecimal("27.50")), AT, "e-4");
        state.traits.set("custom.huge", NODES.numberNode(new BigDecimal("1e40").add(BigDecimal.ONE)), AT, "e-5");
        state.traits.set("custom.vip", NODES.booleanNode(true), AT, "e-6");
        state.traits.set("custom.churned", NODES.booleanNode(false), AT, "e-7");
        state.traits.set("custom.nothing", NODES.nullNode(), AT, "e-8");
        state.traits.set(
                "psychographic.interests",
                NODES.arrayNode().add("running").add(3).add(NODES.arrayNode()),
                AT,
                "e-9");
        state.traits.set("custom.address", NODES.objectNode().put("street", "Jl. Braga"), AT.minusSeconds(1), "e-10");
        state.consent.set("marketing", NODES.booleanNode(false), AT, "e-11");
        state.identifiers.put("email:rina@tokoku.id", AT);
        state.identifiers.put("external:shopify:77", AT.plusSeconds(5));
        state.behavior = "{\"purchases\":{\"count\":1,\"total\":\"27.5\"}}";
        state.segments.put("vip", new ProfileState.Membership("VIP ✨", AT));
        state.segments.put("old", new ProfileState.Membership(null, AT));
        state.timelineEntries = 17;
        state.lookupsVersion = 3;
        state.seen().firstTime("e-1", AT.toEpochMilli(), 7 * 86_400_000L);
        state.seen().firstTime("e-2", AT.toEpochMilli() + 5, 7 * 86_400_000L);
        return state;
    }

    /** Every field as the Smile mapping sees it, trait values with their exact node types. */
    private static JsonNode fields(ProfileState state) {
        return SmileSerde.mapper().valueToTree(state);
    }

    private static ProfileState roundTrip(ProfileState state) {
        return ProfileStateSerde.read(ProfileStateSerde.write(state));
    }

    @Test
    void everyFieldComesBackAsWritten() {
        ProfileState state = everyField();
        ProfileState read = roundTrip(state);
        assertThat(fields(read)).isEqualTo(fields(state));
        assertThat(read.seen().firstTime("e-2", AT.toEpochMilli() + 10, 7 * 86_400_000L))
                .as("a remembered event id")
                .isFalse();
    }

    @Test
    void aPointerAndAnEmptyStateComeBackToo() {
        ProfileState empty = new ProfileState();
        assertThat(fields(roundTrip(empty))).isEqualTo(fields(empty));
        ProfileState pointer = everyField().pointerTo("c-1");
        ProfileState read = roundTrip(pointer);
        assertThat(read.isPointer()).isTrue();
        assertThat(fields(read)).isEqualTo(fields(pointer));
    }

    @Test
    void aStateTheSmileMappingWroteIsStillRead() {
        ProfileState state = everyField();
        byte[] smile = SmileSerde.of(ProfileState.class).serializer().serialize("profiles", state);
        assertThat(fields(ProfileStateSerde.read(smile))).isEqualTo(fields(state));
    }

    @Test
    void theCompactFormIsSmallerThanSmile() {
        ProfileState state = everyField();
        byte[] smile = SmileSerde.of(ProfileState.class).serializer().serialize("profiles", state);
        assertThat(ProfileStateSerde.write(state).length).isLessThan(smile.length * 3 / 4);
    }

    @Test
    void aDamagedValueFailsAsASerializationError() {
        byte[] bytes = ProfileStateSerde.write(everyField());
        assertThatThrownBy(() -> ProfileStateSerde.read(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> ProfileStateSerde.read(longer))
                .isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("left over");
    }
}
