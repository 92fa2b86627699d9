package io.mosaic.benchmarks;

import io.mosaic.events.PlatformHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/** The profile-read phase of {@link PlatformBenchmark}: stores the profiles, waits for a quiet machine, reads. */
final class ProfileReadRun {
    private static final int WARM_UP_READS = 20_000;
    /** The shortest window of reads, or of the events alone, that CPU is compared over. */
    private static final int MIN_WINDOW_SECONDS = 5;

    /**
     * {@code settleSeconds}: untimed seconds at the timed rate before each kind, so that what the idle window or the
     * warm-up's flat-out loop left behind (deferred collections, recompilations) settles first and the figure is
     * the steady rate's.
     */
    record Plan(int profiles, int rate, int settleSeconds, int seconds, int ingestRate) {}

    private final GatewayClient client;
    private final String gateway;
    private final String profileService;
    private final String tenant;
    private final String internalToken;
    private final CostPerEvent cost;
    private GatewayClient ingestion;

    private ProfileReadRun(
            GatewayClient client,
            String gateway,
            String profileService,
            String tenant,
            String internalToken,
            CostPerEvent cost) {
        this.client = client;
        this.gateway = gateway;
        this.profileService = profileService;
        this.tenant = tenant;
        this.internalToken = internalToken;
        this.cost = cost;
    }

    /**
     * 100,000+ stored profiles, read through the gateway by id and by email at a fixed rate, then by id straight
     * from the profile-service (what the gateway adds); CPU per read of every process for each.
     */
    static void measure(
            GatewayClient client,
            String gateway,
            String profileService,
            String tenant,
            String internalToken,
            Plan plan,
            CostPerEvent cost,
            PlatformReport report)
            throws Exception {
        ProfileReadRun run = new ProfileReadRun(client, gateway, profileService, tenant, internalToken, cost);
        run.ingestion = GatewayClient.forTenant(gateway, PlatformBenchmark.ADMIN_KEY, tenant + "-writes");
        run.run(plan, report);
    }

    private void run(Plan plan, PlatformReport report) throws Exception {
        int profiles = plan.profiles();
        int rate = plan.rate();
        int seconds = plan.seconds();
        store(profiles);
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
        PlatformBenchmark.step("Waiting until the work the loads left behind is done (machine quiet)");
        report.reads.quietAfter = cost.awaitQuiet(java.time.Duration.ofMinutes(10));
        report.reads.prewarmedMegabytes = BenchDatabase.prewarm("profile");
        // Which profile the i-th read of a phase asks for; the untimed seconds may read more than the timed ones.
        int[] ids = new Random(3)
                .ints(Math.max(rate * Math.max(seconds, plan.settleSeconds()), WARM_UP_READS), 0, profiles)
                .toArray();
        IntFunction<String> byId = i -> "/v1/profiles/r-" + ids[i];
        IntFunction<String> byEmail = i -> "/v1/profiles?email=reader" + ids[i] + "%40tokoku.id";
        try (AsyncReads throughGateway = new AsyncReads(gateway, client.credentials());
                AsyncReads direct = new AsyncReads(
                        profileService,
                        Map.of(PlatformHeaders.INTERNAL_TOKEN, internalToken, PlatformHeaders.TENANT, tenant))) {
            // A service that has served no reads yet runs them interpreted: warm all three paths up first.
            PlatformBenchmark.step(
                    String.format("Profile reads: warming up with %,d reads of each kind", WARM_UP_READS));
            throughGateway.closedLoop(WARM_UP_READS, 16, byId);
            throughGateway.closedLoop(WARM_UP_READS, 16, byEmail);
            direct.closedLoop(WARM_UP_READS, 16, byId);
            PlatformBenchmark.step("Profile reads: what the idle platform itself spends over 30 s");
            cost.start();
            Thread.sleep(30_000); // a fixed window of nothing: the idle platform's own work is what is measured
            report.reads.idle = cost.stop(30_000); // CPU-ms per ms: cores busy
            idle = report.reads.idle;
            System.out.printf(
                    "    idle: %.3f cores: %s%n", report.reads.idle.totalCpuMs(), report.reads.idle.cpuMsByProcess());
            try (BackgroundIngestion writes = plan.ingestRate() > 0 ? writes(plan, report.reads) : null) {
                timed(ReadFigures.BY_ID, throughGateway, byId, plan, report.reads);
                timed(ReadFigures.BY_EMAIL, throughGateway, byEmail, plan, report.reads);
                timed(ReadFigures.DIRECT_BY_ID, direct, byId, plan, report.reads);
            }
            PlatformBenchmark.check(throughGateway.failed() + direct.failed(), "profile reads");
        }
        report.reads.plan = plan;
    }

    /**
     * Events at {@code plan.ingestRate()} through the gateway for the rest of the read phase; what they cost alone
     * (cores per process, after 10 s to settle) is measured first, so that the CPU per read counts the reads only.
     */
    private BackgroundIngestion writes(Plan plan, ReadFigures figures) throws Exception {
        PlatformBenchmark.step(String.format(
                "Profile reads: events at %,d/s through the gateway meanwhile; their own cost first (%d s)",
                plan.ingestRate(), plan.seconds()));
        BackgroundIngestion writes = new BackgroundIngestion(ingestion, plan.ingestRate());
        Thread.sleep(10_000);
        cost.start();
        Thread.sleep(plan.seconds() * 1_000L);
        ingestionCores = cost.stop(plan.seconds() * 1_000L);
        figures.eventsAlone = ingestionCores;
        System.out.printf(
                "    events alone: %.3f cores: %s%n", ingestionCores.totalCpuMs(), ingestionCores.cpuMsByProcess());
        return writes;
    }

    /** The cores the background events keep busy, per process; null while none are sent. */
    private CostPerEvent.Cost ingestionCores;

    /**
     * CPU-ms per read of the platform's processes: what they spend anyway taken out ({@code baseline}, cores: the
     * idle platform's own work, or with background events the cores those keep busy on their own, idle work
     * included), and the read client's own CPU taken out of the benchmark JVM it shares with the broker.
     */
    private static CostPerEvent.Cost readsOnly(
            CostPerEvent.Cost measured, CostPerEvent.Cost baseline, int rate, double clientCpuMsPerRead) {
        Map<String, Double> perRead = new java.util.LinkedHashMap<>();
        measured.cpuMsByProcess()
                .forEach((process, ms) -> perRead.put(
                        process,
                        ms
                                - baseline.cpuMsByProcess().getOrDefault(process, 0.0) * 1_000 / rate
                                - (process.equals(CostPerEvent.KAFKA_AND_LOAD) ? clientCpuMsPerRead : 0)));
        return new CostPerEvent.Cost(perRead, measured.rowsWritten(), measured.kafkaEntriesByTopic());
    }

    /** Cores the idle platform keeps busy, measured before the timed reads. */
    private CostPerEvent.Cost idle;

    private void timed(String what, AsyncReads reads, IntFunction<String> path, Plan plan, ReadFigures figures)
            throws Exception {
        PlatformBenchmark.step(String.format(
                "Profile reads %s: %,d/s for %d s untimed, then %d s timed",
                what, plan.rate(), plan.settleSeconds(), plan.seconds()));
        reads.paced(plan.rate(), plan.settleSeconds(), path);
        int windows = ingestionCores != null && plan.seconds() >= 3 * MIN_WINDOW_SECONDS ? 3 : 1;
        int windowSeconds = plan.seconds() / windows;
        long windowReads = (long) plan.rate() * windowSeconds;
        List<AsyncReads.Paced> timed = new ArrayList<>();
        List<CostPerEvent.Cost> withReads = new ArrayList<>();
        List<CostPerEvent.Cost> eventsAlone = new ArrayList<>();
        for (int window = 0; window < windows; window++) {
            cost.start();
            timed.add(reads.paced(plan.rate(), windowSeconds, path));
            withReads.add(cost.stop(windowReads));
            if (ingestionCores != null) {
                // The events alone again right after each window of reads: what they cost drifts over minutes
                // (compilation, batch sizes), and a baseline measured once, minutes before, ran negative.
                cost.start();
                Thread.sleep(windowSeconds * 1_000L);
                eventsAlone.add(cost.stop(windowSeconds * 1_000L));
            }
        }
        AsyncReads.Paced paced = AsyncReads.Paced.concat(timed);
        long count = windowReads * windows;
        double clientCpuMsPerRead = paced.clientCpuNanos() / 1e6 / count;
        CostPerEvent.Cost baseline = eventsAlone.isEmpty() ? idle : CostPerEvent.Cost.mean(eventsAlone);
        CostPerEvent.Cost perRead =
                readsOnly(CostPerEvent.Cost.mean(withReads), baseline, plan.rate(), clientCpuMsPerRead);
        Histogram latency = paced.latency();
        System.out.printf(
                "    p50 %.1f ms, p99 %.1f ms; %.3f CPU-ms per read: %s (the read client: %.3f)%n"
                        + "    reads over 10 ms by second: %s%n",
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                perRead.totalCpuMs(),
                perRead.cpuMsByProcess(),
                clientCpuMsPerRead,
                paced.slowSeconds());
        figures.kinds.add(new ReadFigures.Kind(what, paced, perRead, clientCpuMsPerRead));
    }

    private void store(int profiles) {
        PlatformBenchmark.step(String.format("Profile reads: storing %,d profiles", profiles));
        Instant now = Instant.now();
        for (int from = 0; from < profiles; from += 500) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = from; i < Math.min(profiles, from + 500); i++) {
                events.add(Map.of(
                        "eventId",
                        "reads-" + i,
                        "type",
                        "customer.identified",
                        "occurredAt",
                        now.minusSeconds(i).toString(),
                        "source",
                        "bench",
                        "customerId",
                        "r-" + i,
                        "identifiers",
                        Map.of("email", "reader" + i + "@tokoku.id"),
                        "properties",
                        Map.of("traits", Map.of("geographic", Map.of("city", "Bandung")))));
            }
            byte[] body;
            try {
                body = GatewayClient.JSON.writeValueAsBytes(Map.of("events", events));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            PlatformBenchmark.check(client.post("/v1/events/batch", body) == 200 ? 0 : 1, "profile batches");
        }
    }
}
