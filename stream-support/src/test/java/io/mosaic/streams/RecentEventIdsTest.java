package io.mosaic.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentEventIdsTest {
    private static final long WINDOW = 60_000;

    @Test
    void anIdIsNewOnceWithinTheWindowAndAgainAfterIt() {
        RecentEventIds ids = new RecentEventIds();

        assertThat(ids.firstTime("e-1", 1_000, WINDOW)).isTrue();
        assertThat(ids.firstTime("e-1", 60_999, WINDOW)).isFalse();
        assertThat(ids.firstTime("e-2", 61_000, WINDOW)).isTrue();
        assertThat(ids.size()).as("e-1 left the window").isEqualTo(1);
        assertThat(ids.firstTime("e-1", 61_000, WINDOW)).isTrue();
    }

    @Test
    void beyondTheBoundTheOldestIdsAreForgotten() {
        RecentEventIds ids = new RecentEventIds();
        for (int i = 0; i <= RecentEventIds.MAX_IDS; i++) {
            assertThat(ids.firstTime("e-" + i, i, WINDOW)).isTrue();
        }

        assertThat(ids.size()).isEqualTo(RecentEventIds.MAX_IDS);
        assertThat(ids.firstTime("e-" + RecentEventIds.MAX_IDS, 2_000, WINDOW)).isFalse();
        assertThat(ids.firstTime("e-0", 2_000, WINDOW))
                .as("the oldest was dropped")
                .isTrue();
    }

    @Test
    void similarIdsHashApart() {
        assertThat(RecentEventIds.hash("evt-1")).isNotEqualTo(RecentEventIds.hash("evt-2"));
        assertThat(RecentEventIds.hash("evt-10")).isNotEqualTo(RecentEventIds.hash("evt-01"));
    }
}
