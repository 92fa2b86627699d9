package io.mosaic.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** The freshness phase of {@link PlatformBenchmark}. */
final class FreshnessRun {
    private FreshnessRun() {}

    /**
     * At a fixed rate, from the 202 of a new customer's first event to its entering {@code new-customers} on
     * {@code mosaic.segment-changes}, and to a profile read through the gateway that shows it.
     */
    static void measure(GatewayClient client, String bootstrap, int rate, int seconds, PlatformReport report)
            throws Exception {
        DemoBatches source = new DemoBatches(50, 0);
        int batchesPerSecond = rate / 50;
        List<DemoBatches.Batch> batches = new ArrayList<>();
        for (int i = 0; i < batchesPerSecond * seconds; i++) {
            batches.add(source.next());
        }
        PlatformBenchmark.step(String.format("Freshness at %,d events/s for %d s", rate, seconds));
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Histogram toProfile = new Histogram(3_600_000L, 3);
        ScheduledExecutorService profileReaders = Executors.newScheduledThreadPool(4);
        AtomicLong failed = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        try (ChangeWatcher changes = new ChangeWatcher(bootstrap, "bench-fresh:")) {
            Loads.paced(batchesPerSecond, seconds, 32, i -> {
                DemoBatches.Batch batch = batches.get(i);
                if (client.post("/v1/events/batch", batch.body()) != 200) {
                    failed.incrementAndGet();
                    return;
                }
                long at = System.currentTimeMillis();
                for (String customer : batch.newCustomers()) {
                    acknowledged.put(customer, at);
                    if (sampled.incrementAndGet() % 10 == 0) {
                        watchProfile(client, profileReaders, customer, at, toProfile);
                    }
                }
            });
            if (failed.get() > 0) { // at the machine's ceiling ingestion may answer 503 (not taken: retry)
                System.out.printf("    %,d of %,d batches not accepted%n", failed.get(), batches.size());
            }
            client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
            // The watcher reads the changes on its own: until it has each customer's, or 30 s have passed.
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && !acknowledged.keySet().stream()
                            .allMatch(customer -> changes.firstEntered("bench-fresh:" + customer) != null)) {
                Thread.sleep(100);
            }
            Histogram toSegment = new Histogram(3_600_000L, 3);
            java.util.TreeMap<Long, Long> slowestBySecond = new java.util.TreeMap<>();
            long firstAt = acknowledged.values().stream()
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(0);
            acknowledged.forEach((customer, at) -> {
                Long entered = changes.firstEntered("bench-fresh:" + customer);
                if (entered != null) {
                    toSegment.recordValue(Math.max(0, entered - at));
                    slowestBySecond.merge((at - firstAt) / 1000, entered - at, Math::max);
                }
            });
            // Whether the slow changes come bunched (a stall) or spread (a queue): the seconds over 1 s.
            System.out.println("    seconds whose slowest segment change took over 1 s (second: ms): "
                    + slowestBySecond.entrySet().stream()
                            .filter(second -> second.getValue() > 1_000)
                            .map(second -> second.getKey() + ": " + second.getValue())
                            .toList());
            profileReaders.shutdown();
            profileReaders.awaitTermination(2, TimeUnit.MINUTES);
            System.out.printf(
                    "    202 -> segment change p50 %,d / p99 %,d ms; 202 -> profile shows it p50 %,d / p99 %,d ms%n",
                    toSegment.getValueAtPercentile(50),
                    toSegment.getValueAtPercentile(99),
                    toProfile.getValueAtPercentile(50),
                    toProfile.getValueAtPercentile(99));
            report.freshRate = rate;
            report.freshToSegment = toSegment;
            report.freshToProfile = toProfile;
            report.freshCustomers = acknowledged.size();
            report.freshBatches = batches.size();
            report.freshBatchesRejected = failed.get();
        }
    }

    private static void watchProfile(
            GatewayClient client, ScheduledExecutorService readers, String customer, long since, Histogram delays) {
        readers.schedule(
                new Runnable() {
                    @Override
                    public void run() {
                        try {
                            JsonNode profile = client.get("/v1/profiles/" + customer);
                            for (JsonNode segment : profile.path("segments")) {
                                if (segment.path("id").asText().equals("new-customers")) {
                                    synchronized (delays) {
                                        delays.recordValue(System.currentTimeMillis() - since);
                                    }
                                    return;
                                }
                            }
                        } catch (Exception notThereYet) {
                            // 404 until the profile service has seen the customer
                        }
                        long waited = System.currentTimeMillis() - since;
                        if (waited < 120_000) {
                            // Every 20 ms at first, then a tenth of the wait so far (at most 200 ms): a fixed fast
                            // poll grows with the delay it measures, and its reads would slow the platform down.
                            readers.schedule(this, Math.min(200, Math.max(20, waited / 10)), TimeUnit.MILLISECONDS);
                        }
                    }
                },
                20,
                TimeUnit.MILLISECONDS);
    }
}
