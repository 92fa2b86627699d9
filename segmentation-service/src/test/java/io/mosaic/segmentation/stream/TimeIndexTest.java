package io.mosaic.segmentation.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeIndexTest {

    @Test
    void keysAreTheMillisecondsZeroPaddedToNineteenDigitsThenTheId() {
        for (long millis : new long[] {0, 7, 1_764_547_200_000L, Long.MAX_VALUE}) {
            assertThat(TimeIndex.key(millis, "acme:c-1")).isEqualTo(String.format("%019d", millis) + "\u0000acme:c-1");
        }
        assertThat(TimeIndex.key(-5, "x")).isEqualTo("0000000000000000000\u0000x");
        assertThat(TimeIndex.key(999, "z")).isLessThan(TimeIndex.key(1_000, "a"));
    }
}
