package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void readsWhatInstantWritesExactlyAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            // whole seconds, millis, micros and nanos all occur: toString drops trailing zero groups
            long nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L), nanos);
            String text = instant.toString();
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T08:15:00.5Z", "2026-11-30T08:15:00.12Z", "2024-02-29T23:59:59.999999999Z"})
    void readsShortAndLongFractions(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T08:15:00+07:00", "2026-11-30T08:15:00.000+00:00"})
    void leavesOtherFormsToInstantParse(String text) {
        assertThat(Timestamps.parse(text))
                .isEqualTo(java.time.OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30T08:15:00Z",
                "2026-11-30T24:00:00Z",
                "2026-11-30T08:60:00Z",
                "2026-13-01T08:15:00Z",
                "2026-11-30T08:15:00.Z",
                "2026-11-30 08:15:00Z",
                "yesterday, about noon",
                "2026-11-3xT08:15:00Z",
                "+12026-11-30T08:15:00Z"
            })
    void answersOddInputExactlyAsInstantParseDoes(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Timestamps.parse(text)).isEqualTo(expected);
    }

    record Stamped(Instant at) {}

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2026-11-30T08:15:00.123Z\"",
                "\"2026-11-30T08:15:00Z\"",
                "\"2026-11-30T08:15:00+07:00\"",
                "1764490500.5",
                "1764490500"
            })
    void theEventMapperReadsInstantsAsJacksonsOwnDeserializerDoes(String value) throws Exception {
        String json = "{\"at\":" + value + "}";
        com.fasterxml.jackson.databind.ObjectMapper plain = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .build();

        assertThat(EventJson.mapper().readValue(json, Stamped.class).at())
                .isEqualTo(plain.readValue(json, Stamped.class).at());
    }

    @Test
    void theEventMapperRefusesWhatIsNoInstant() {
        assertThatThrownBy(() -> EventJson.mapper().readValue("{\"at\":\"yesterday\"}", Stamped.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
    }
}
