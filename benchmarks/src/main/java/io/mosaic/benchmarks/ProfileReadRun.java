package io.mosaic.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** The profile-read phase of {@link PlatformBenchmark}: stores the profiles, waits for a quiet machine, reads. */
final class ProfileReadRun {
    private ProfileReadRun() {}

    /** 100,000+ stored profiles, read through the gateway by id and by email at a fixed rate. */
    static void measure(
            GatewayClient client, int profiles, int rate, int seconds, CostPerEvent cost, PlatformReport report)
            throws Exception {
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
            PlatformBenchmark.check(
                    client.post("/v1/events/batch", GatewayClient.JSON.writeValueAsBytes(Map.of("events", events)))
                                    == 200
                            ? 0
                            : 1,
                    "profile batches");
        }
        client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
        PlatformBenchmark.step("Waiting until the work the loads left behind is done (machine quiet)");
        report.quietAfter = cost.awaitQuiet(java.time.Duration.ofMinutes(10));
        Random random = new Random(3);
        int[] ids = random.ints(rate * seconds, 0, profiles).toArray();
        AtomicLong failed = new AtomicLong();
        PlatformBenchmark.step(String.format("Profile reads by id: %,d/s for %d s", rate, seconds));
        report.readById = Loads.paced(rate, seconds, 128, i -> {
            if (client.status("/v1/profiles/r-" + ids[i]) != 200) {
                failed.incrementAndGet();
            }
        });
        PlatformBenchmark.step(String.format("Profile reads by email: %,d/s for %d s", rate, seconds));
        report.readByEmail = Loads.paced(rate, seconds, 128, i -> {
            if (client.status("/v1/profiles?email=reader" + ids[i] + "@tokoku.id") != 200) {
                failed.incrementAndGet();
            }
        });
        PlatformBenchmark.check(failed.get(), "profile reads");
        report.readRate = rate;
        report.profiles = profiles;
    }
}
