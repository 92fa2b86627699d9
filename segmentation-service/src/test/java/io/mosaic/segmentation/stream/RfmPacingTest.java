package io.mosaic.segmentation.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RfmPacingTest {
    private final RfmPacing pacing = new RfmPacing(Duration.ofMinutes(1));

    @Test
    void aTenantIsReScoredAtMostOncePerIntervalAndAMoveInBetweenWaitsForIt() {
        assertThat(pacing.tryStart("acme", 0)).isTrue();
        assertThat(pacing.tryStart("acme", 30_000)).isFalse(); // moved again within the minute: waits
        assertThat(pacing.tryStart("shop", 30_000)).isTrue(); // another tenant's pace is its own

        assertThat(pacing.due(59_999)).isEmpty();
        assertThat(pacing.due(60_000)).containsExactly("acme");
        assertThat(pacing.due(60_001)).isEmpty(); // taken off the waiting list once due
        assertThat(pacing.tryStart("acme", 60_000)).isTrue();
    }
}
