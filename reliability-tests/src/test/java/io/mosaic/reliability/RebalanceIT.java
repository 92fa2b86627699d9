package io.mosaic.reliability;

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
            Report.fault(new Report.Fault(
                    "Rebalances: one of two instances per consumer stopped and started",
                    "2 instances of segmentation and of profile per group; the first of each stopped (SIGTERM) after a"
                            + " quarter of the batches, started again after half",
                    outcome.sent(),
                    outcome.applied(),
                    outcome.lost(),
                    outcome.duplicated(),
                    "profiles, timelines, segment members equal a clean run's; purchases counted once"));
        } finally {
            for (ServiceProcess instance : second) {
                services.stopInstance(instance);
            }
        }
    }
}
