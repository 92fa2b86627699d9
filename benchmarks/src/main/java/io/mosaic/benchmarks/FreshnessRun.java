package io.mosaic.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** The freshness phase of {@link PlatformBenchmark}. */
final class FreshnessRun {
    /**
     * The profile reads the phase makes a second, at most, shared by the customers being watched. Each watched
     * customer was read every 20 ms, then every tenth of its wait: 200-430 reads a second beside 5,000 events/s,
     * more the later the profiles came, which on the 2-core machine took the cores the pipeline needed (the segment
     * p99 went from 1.7 s without the reads to 5-20 s with them). A fixed budget keeps the instrument's load
     * bounded; a customer is read every 20 ms while few are waiting, less often only when many are late.
     */
    static final int MAX_PROFILE_READS_PER_SECOND = 100;

    private FreshnessRun() {}

    /** The phase's rate (events/s), its length, and every how many new customers one's profile is read (0: none). */
    record Plan(int rate, int seconds, int profileSample) {}

    /**
     * At a fixed rate, from the 202 of a new customer's first event to its entering {@code new-customers} on
     * {@code mosaic.segment-changes}, and to a profile read through the gateway that shows it; {@code report} null
     * for a round that is printed only.
     */
    static void measure(GatewayClient client, String tenant, String bootstrap, Plan plan, PlatformReport report)
            throws Exception {
        int rate = plan.rate();
        int seconds = plan.seconds();
        int profileSample = plan.profileSample();
        DemoBatches source = new DemoBatches(50, 0);
        int batchesPerSecond = rate / 50;
        List<DemoBatches.Batch> batches = new ArrayList<>();
        for (int i = 0; i < batchesPerSecond * seconds; i++) {
            batches.add(source.next());
        }
        PlatformBenchmark.step(String.format(
                "Freshness at %,d events/s for %d s%s", rate, seconds, report == null ? ", a first round" : ""));
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Histogram toProfile = new Histogram(3_600_000L, 3);
        ScheduledExecutorService profileReaders = Executors.newScheduledThreadPool(4);
        AtomicLong failed = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        ProfileWatch watch = new ProfileWatch(client, profileReaders, toProfile);
        try (ChangeWatcher changes = new ChangeWatcher(bootstrap, tenant + ":")) {
            Loads.paced(batchesPerSecond, seconds, 32, i -> {
                DemoBatches.Batch batch = batches.get(i);
                if (client.post("/v1/events/batch", batch.body()) != 200) {
                    failed.incrementAndGet();
                    return;
                }
                long at = System.currentTimeMillis();
                for (String customer : batch.newCustomers()) {
                    acknowledged.put(customer, at);
                    if (profileSample > 0 && sampled.incrementAndGet() % profileSample == 0) {
                        watch.start(customer, at);
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
                            .allMatch(customer -> changes.firstEntered(tenant + ":" + customer) != null)) {
                Thread.sleep(100);
            }
            Histogram toSegment = new Histogram(3_600_000L, 3);
            java.util.TreeMap<Long, Long> slowestBySecond = new java.util.TreeMap<>();
            long firstAt = acknowledged.values().stream()
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(0);
            acknowledged.forEach((customer, at) -> {
                Long entered = changes.firstEntered(tenant + ":" + customer);
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
                    "    profile reads made: %,d (at most %d a second)%n", watch.reads(), MAX_PROFILE_READS_PER_SECOND);
            System.out.printf(
                    "    202 -> segment change p50 %,d / p99 %,d ms; 202 -> profile shows it p50 %,d / p99 %,d ms%n",
                    toSegment.getValueAtPercentile(50),
                    toSegment.getValueAtPercentile(99),
                    toProfile.getValueAtPercentile(50),
                    toProfile.getValueAtPercentile(99));
            if (report == null) {
                return;
            }
            report.freshRate = rate;
            report.freshToSegment = toSegment;
            report.freshToProfile = toProfile;
            report.freshCustomers = acknowledged.size();
            report.freshBatches = batches.size();
            report.freshBatchesRejected = failed.get();
        }
    }

    /** Reads sampled customers' profiles through the gateway until each shows {@code new-customers}. */
    private static final class ProfileWatch {
        private final GatewayClient client;
        private final ScheduledExecutorService readers;
        private final Histogram delays;
        private final AtomicInteger watching = new AtomicInteger();
        private final AtomicLong reads = new AtomicLong();

        ProfileWatch(GatewayClient client, ScheduledExecutorService readers, Histogram delays) {
            this.client = client;
            this.readers = readers;
            this.delays = delays;
        }

        long reads() {
            return reads.get();
        }

        void start(String customer, long since) {
            watching.incrementAndGet();
            readers.schedule(() -> read(customer, since), nextReadIn(), TimeUnit.MILLISECONDS);
        }

        private void read(String customer, long since) {
            reads.incrementAndGet();
            if (shows(customer)) {
                synchronized (delays) {
                    delays.recordValue(System.currentTimeMillis() - since);
                }
                watching.decrementAndGet();
            } else if (System.currentTimeMillis() - since < 120_000) {
                readers.schedule(() -> read(customer, since), nextReadIn(), TimeUnit.MILLISECONDS);
            } else {
                watching.decrementAndGet();
            }
        }

        private boolean shows(String customer) {
            try {
                for (JsonNode segment : client.get("/v1/profiles/" + customer).path("segments")) {
                    if (segment.path("id").asText().equals("new-customers")) {
                        return true;
                    }
                }
            } catch (Exception notThereYet) {
                // 404 until the read model has the customer
            }
            return false;
        }

        /** 20 ms, or longer when so many customers are watched that reading each that often passes the budget. */
        private long nextReadIn() {
            return Math.max(20, watching.get() * 1000L / MAX_PROFILE_READS_PER_SECOND);
        }
    }
}
