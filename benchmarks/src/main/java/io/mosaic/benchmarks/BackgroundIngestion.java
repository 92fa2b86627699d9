package io.mosaic.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo events through the gateway at a fixed rate, in batches of 50, until closed: the write load that another
 * phase measures beside (profile reads while events arrive).
 */
final class BackgroundIngestion implements AutoCloseable {
    private static final int BATCH = 50;

    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    BackgroundIngestion(GatewayClient client, int eventsPerSecond) {
        DemoBatches source = new DemoBatches(BATCH, 2_000_000);
        long period = TimeUnit.SECONDS.toNanos(1) * BATCH / eventsPerSecond;
        ticks.scheduleAtFixedRate(
                () -> senders.execute(() -> {
                    DemoBatches.Batch batch = source.next();
                    if (client.post("/v1/events/batch", batch.body()) == 200) {
                        sent.addAndGet(batch.events());
                    } else {
                        failed.incrementAndGet();
                    }
                }),
                0,
                period,
                TimeUnit.NANOSECONDS);
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        PlatformBenchmark.check(failed.get(), "background batches");
    }
}
