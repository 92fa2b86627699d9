package io.mosaic.profile.traits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LwwFieldsTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private record Write(String field, String value, Instant at, String eventId) {}

    @Test
    void theLatestOccurredAtWinsWhateverTheOrder() {
        List<Write> writes = new ArrayList<>(List.of(
                new Write("geographic.city", "Jakarta", T, "e-1"),
                new Write("geographic.city", "Bandung", T.plusSeconds(60), "e-2"),
                new Write("geographic.city", "Bogor", T.minusSeconds(60), "e-3"),
                new Write("demographic.gender", "female", T, "e-4")));
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(writes, random);
            LwwFields fields = new LwwFields();
            writes.forEach(w -> fields.set(w.field(), TextNode.valueOf(w.value()), w.at(), w.eventId()));
            assertThat(fields.fields().get("geographic.city").value().asText()).isEqualTo("Bandung");
            assertThat(fields.fields().get("demographic.gender").value().asText())
                    .isEqualTo("female");
        }
    }

    @Test
    void aTieIsBrokenByTheLargerEventIdAndARepeatChangesNothing() {
        LwwFields fields = new LwwFields();
        assertThat(fields.set("custom.tier", TextNode.valueOf("gold"), T, "e-b"))
                .isTrue();
        assertThat(fields.set("custom.tier", TextNode.valueOf("silver"), T, "e-a"))
                .isFalse();
        assertThat(fields.set("custom.tier", TextNode.valueOf("gold"), T, "e-b"))
                .isFalse();
        assertThat(fields.fields().get("custom.tier").value().asText()).isEqualTo("gold");
    }

    @Test
    void absorbingTakesTheLaterOfEachFieldAndSurvivesTheStoreRoundTrip() {
        LwwFields survivor = new LwwFields();
        survivor.set("geographic.city", TextNode.valueOf("Medan"), T.plusSeconds(10), "e-1");
        survivor.set("demographic.gender", TextNode.valueOf("male"), T.minusSeconds(10), "e-2");
        LwwFields absorbed = new LwwFields();
        absorbed.set("geographic.city", TextNode.valueOf("Padang"), T, "e-3");
        absorbed.set("demographic.gender", TextNode.valueOf("female"), T, "e-4");
        absorbed.set("demographic.occupation", TextNode.valueOf("teacher"), T, "e-5");

        survivor.absorb(roundTrip(absorbed));

        assertThat(survivor.fields().get("geographic.city").value().asText()).isEqualTo("Medan");
        assertThat(survivor.fields().get("demographic.gender").value().asText()).isEqualTo("female");
        assertThat(survivor.fields().get("demographic.occupation").value().asText())
                .isEqualTo("teacher");
        assertThat(roundTrip(survivor).fields()).isEqualTo(survivor.fields());
    }

    /** Written and read back as the profile store does (Smile). */
    private static LwwFields roundTrip(LwwFields fields) {
        var serde = io.mosaic.streams.SmileSerde.of(LwwFields.class);
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", fields));
    }
}
