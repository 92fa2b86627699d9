package io.mosaic.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/** The ingestion phases of {@link PlatformBenchmark}: batches flat out, then single events at a fixed rate. */
final class IngestionRun {
    private static final int WARM_UP_CALLS = 5_000;

    private IngestionRun() {}

    /**
     * Events at 2,000/s through the gateway for {@code seconds}, untimed, until every group caught up: the phases
     * after it measure services whose JIT has compiled the event path, as after a day in production (cold, the
     * flat-out phase's backlog was applied at ~2,800 events/s by a pipeline that sustains 7,000/s warm).
     */
    static void warmUp(GatewayClient client, int seconds) throws Exception {
        if (seconds <= 0) {
            return;
        }
        PlatformBenchmark.step(String.format("Warm-up: 2,000 events/s for %d s, untimed", seconds));
        AtomicLong failed = new AtomicLong();
        List<DemoBatches.Batch> batches = SustainedRun.prepare(new DemoBatches(50, 0), 2_000, seconds);
        SustainedRun.batches(client, batches, 2_000, seconds, new AtomicLong(), failed);
        PlatformBenchmark.check(failed.get(), "warm-up batches");
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
    }

    /** The batch endpoint, 4 clients sending 500-event batches back to back; then until every group caught up. */
    static void flatOut(GatewayClient client, int customers, PlatformReport report) throws Exception {
        DemoBatches source = new DemoBatches(500, 0);
        List<DemoBatches.Batch> batches = new ArrayList<>();
        int events = 0;
        while (events < customers * 7) { // ~7.8 events per demo customer
            DemoBatches.Batch batch = source.next();
            batches.add(batch);
            events += batch.events();
        }
        PlatformBenchmark.step(String.format("Ingestion flat out: %,d events in batches of 500, 4 clients", events));
        Recorder latency = new Recorder(3);
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        Loads.clients(4, () -> {
            for (long i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                long began = System.nanoTime();
                if (client.post("/v1/events/batch", batches.get((int) i).body()) != 200) {
                    failed.incrementAndGet();
                }
                latency.recordValue((System.nanoTime() - began) / 1_000);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        PlatformBenchmark.check(failed.get(), "batches");
        report.batchEventsPerSecond = events / seconds;
        report.batchLatency = latency.getIntervalHistogram();
        PlatformBenchmark.step("Waiting until every consumer group has applied them");
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
        report.drainedEventsPerSecond = events / ((System.nanoTime() - started) / 1e9);
        System.out.printf(
                "    accepted %,.0f events/s, all applied at %,.0f events/s%n",
                report.batchEventsPerSecond, report.drainedEventsPerSecond);
    }

    /** POST /v1/events one event at a time at a fixed rate: the latency a ticketing system sees. */
    static void singleEvents(GatewayClient client, PlatformReport report) throws Exception {
        int rate = 300;
        int seconds = 20;
        List<byte[]> bodies = new DemoBatches(1, 0).singleEvents(rate * seconds);
        List<byte[]> warmUp = new DemoBatches(1, 500_000).singleEvents(WARM_UP_CALLS);
        AtomicLong failed = new AtomicLong();
        // The single-event path is cold after the batch phase (JIT): measured with ab on an idle platform, the
        // first 4,000 calls ran at ~300/s and the next at ~1,050/s straight to ingestion. Warm it up first.
        PlatformBenchmark.step("Single events: warming the path up with " + WARM_UP_CALLS + " calls");
        AtomicLong warmed = new AtomicLong();
        Loads.clients(16, () -> {
            for (long i = warmed.getAndIncrement(); i < WARM_UP_CALLS; i = warmed.getAndIncrement()) {
                if (client.post("/v1/events", warmUp.get((int) i)) != 202) {
                    failed.incrementAndGet();
                }
            }
        });
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
        PlatformBenchmark.step("Single events: " + rate + "/s for " + seconds + " s");
        report.singleLatency = Loads.paced(rate, seconds, 128, i -> {
            if (client.post("/v1/events", bodies.get(i)) != 202) {
                failed.incrementAndGet();
            }
        });
        PlatformBenchmark.check(failed.get(), "single events");
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
    }
}
