package io.mosaic.persistence;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A fault for the reliability tests, off unless {@code MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES} is set: the JVM
 * halts (as a SIGKILL would end it) right after that many batches committed their database transaction and before
 * their Kafka offsets are committed. A crash in that window is the one that makes Kafka redeliver records the
 * database has already applied; a kill at a random moment lands in it only by chance.
 */
final class CrashWindow {
    private static final int HALT_AFTER = ConfigProvider.getConfig()
            .getOptionalValue("mosaic.test.halt-after-applied-batches", Integer.class)
            .orElse(0);
    private static final AtomicInteger APPLIED = new AtomicInteger();

    private CrashWindow() {}

    static void batchApplied(int records) {
        if (HALT_AFTER > 0 && records > 0 && APPLIED.incrementAndGet() >= HALT_AFTER) {
            System.err.println("mosaic: halting after an applied batch, before its offsets are committed (test fault)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
