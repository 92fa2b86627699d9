package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of each consumer in one group, one of them stopped and started again while events flow: the
 * partitions move between instances twice (rebalances), and nothing may be lost or applied twice.
 */
@ExtendWith(Platform.class)
class RebalanceIT {
    private static final List<String> CONSUMERS = List.of("segmentation-service", "profile-service");

    @Test
    void stoppingAndStartingOneOfTwoInstancesLosesAndDoublesNothing() throws Exception {
        Workload workload = new Workload(2000, 200, 103);
        String cleanKey = workload.cleanRun();
        String key = Client.fullKey(Client.newTenant("rebalance"));
        MosaicServices services = Platform.get().services();
        List<ServiceProcess> second = new java.util.ArrayList<>();
        for (String module : CONSUMERS) {
            second.add(services.startInstance(module));
        }
        try {
            CompletableFuture<Void> sending = workload.sendInBackground(key);
            await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 4);
            for (String module : CONSUMERS) {
                services.instance(module).close(); // SIGTERM: its partitions go to the second instance
            }
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 2);
            } finally {
                for (String module : CONSUMERS) {
                    services.restart(services.instance(module)); // and are shared again
                }
            }
            sending.get(3, TimeUnit.MINUTES);
            Client.awaitCaughtUp(key);

            Workload.Outcome outcome = workload.check(key, cleanKey);
            int previewed = previewMatchesSizeAcrossInstances(key);
            Report.fault(new Report.Fault(
                    "Rebalances: one of two instances per consumer stopped and started",
                    "2 instances of segmentation and of profile per group; the first of each stopped (SIGTERM) after a"
                            + " quarter of the batches, started again after half",
                    outcome.sent(),
                    outcome.applied(),
                    outcome.lost(),
                    outcome.duplicated(),
                    "profiles, timelines, segment members equal a clean run's; purchases counted once; with both"
                            + " instances running, a preview of new-customers' rule counts all " + previewed
                            + " members (each instance adds the share of the partitions it runs)"));
        } finally {
            for (ServiceProcess instance : second) {
                services.stopInstance(instance);
            }
        }
    }

    /**
     * A preview scans the customer stores, split between the instances by partition; the segment's size comes from
     * the membership table, which has everyone: the two agree only if each instance adds the other's share.
     */
    private static int previewMatchesSizeAcrossInstances(String key) {
        var segment = Client.as(key)
                .get("/v1/segments/new-customers")
                .then()
                .statusCode(200)
                .extract();
        int size = segment.path("size");
        Object rule = segment.jsonPath().get("rule");
        java.util.concurrent.atomic.AtomicInteger previewed = new java.util.concurrent.atomic.AtomicInteger(-1);
        try {
            // A store moving between the instances answers 503 for a moment: asked again until the answer is whole.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        var response = Client.as(key)
                                .body(java.util.Map.of("rule", rule))
                                .post("/v1/segments/preview");
                        if (response.statusCode() == 200) {
                            previewed.set(response.path("size"));
                        }
                        return previewed.get() == size;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion below says what was counted
        }
        assertThat(size).as("new-customers members").isPositive();
        assertThat(previewed.get())
                .as("preview of new-customers' rule over both instances")
                .isEqualTo(size);
        return previewed.get();
    }
}
