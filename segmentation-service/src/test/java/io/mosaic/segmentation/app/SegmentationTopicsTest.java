package io.mosaic.segmentation.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.events.Topics;
import org.junit.jupiter.api.Test;

/** The behavior topic is the changelog of the topology's behavior store, so its configured name must follow. */
class SegmentationTopicsTest {

    @Test
    void theDefaultBehaviorTopicIsTheDefaultApplicationsChangelog() {
        assertThatCode(() -> SegmentationTopics.checkBehaviorTopic(Topics.CUSTOMER_BEHAVIOR, "mosaic-segmentation"))
                .doesNotThrowAnyException();
    }

    @Test
    void aBehaviorTopicThatIsNotTheChangelogStopsTheStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> SegmentationTopics.checkBehaviorTopic("mosaic.customer-behavior", "segmentation-eu"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosaic.topics.customer-behavior=segmentation-eu-customer-behavior-changelog");
    }
}
