package io.mosaic.segmentation.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackgroundShareTest {
    @Test
    void theInstancesBudgetIsSharedByTheTasksOpenOnIt() {
        BackgroundShare share = new BackgroundShare(120);
        share.taskOpened();
        assertThat(share.perTask()).isEqualTo(120);

        for (int i = 1; i < 12; i++) {
            share.taskOpened();
        }
        assertThat(share.perTask()).isEqualTo(10);

        for (int i = 0; i < 8; i++) {
            share.taskClosed();
        }
        assertThat(share.perTask()).isEqualTo(30);
    }

    @Test
    void everyTaskMovesAtLeastOneCustomerATick() {
        BackgroundShare share = new BackgroundShare(2);
        for (int i = 0; i < 12; i++) {
            share.taskOpened();
        }
        assertThat(share.perTask()).isEqualTo(1);
        assertThat(new BackgroundShare(5).perTask()).isEqualTo(5);
    }
}
