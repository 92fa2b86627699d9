package io.mosaic.segmentation.stream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background re-evaluations one instance makes per tick, shared evenly by the tasks open on it. A budget per
 * task grew with the partitions an instance holds (12 on one instance: 12 times the configured rate, 6,000
 * customers a second by default), so the same setting meant more work on fewer, busier machines; one budget per
 * instance bounds the work by the machine, whatever the partition count.
 */
final class BackgroundShare {
    private final int perTick;
    private final AtomicInteger openTasks = new AtomicInteger();

    BackgroundShare(int perTick) {
        this.perTick = perTick;
    }

    void taskOpened() {
        openTasks.incrementAndGet();
    }

    void taskClosed() {
        openTasks.decrementAndGet();
    }

    /** This tick's customers for one task, at least one: a backfill always moves. */
    int perTask() {
        return Math.max(1, perTick / Math.max(1, openTasks.get()));
    }
}
