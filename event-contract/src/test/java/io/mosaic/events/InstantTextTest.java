package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesWhatTheJdkWritesForEveryPrecision() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0000-9999
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nano);
            assertThat(InstantText.of(at)).isEqualTo(at.toString());
        }
    }

    @Test
    void theEdgesOfTheFourDigitYearsAndBeyond() {
        for (Instant at : new Instant[] {
            Instant.EPOCH,
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.MIN,
            Instant.MAX,
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-12-31T23:59:59Z")
        }) {
            assertThat(InstantText.of(at)).isEqualTo(at.toString());
        }
    }

    @Test
    void eventJsonWritesInstantsThisWay() throws Exception {
        Instant at = Instant.parse("2024-10-05T03:04:05.120Z");

        assertThat(EventJson.mapper().writeValueAsString(at)).isEqualTo("\"2024-10-05T03:04:05.120Z\"");
    }
}
