package io.mosaic.reliability;

import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer killed (SIGKILL: no shutdown, no offset commit) while it applies batches, then started again: it must
 * end exactly where a clean run over the same events ends.
 */
@ExtendWith(Platform.class)
class ConsumerCrashIT {

    @Test
    void segmentationKilledMidBatchEndsLikeACleanRun() throws Exception {
        killMidBatchAndRestart("segmentation-service", new Workload(0, 150, 101));
    }

    @Test
    void profileKilledMidBatchEndsLikeACleanRun() throws Exception {
        killMidBatchAndRestart("profile-service", new Workload(1000, 150, 102));
    }

    private static void killMidBatchAndRestart(String module, Workload workload) throws Exception {
        String cleanKey = workload.cleanRun();
        String key = Client.fullKey(Client.newTenant("crash"));
        MosaicServices services = Platform.get().services();
        ServiceProcess victim = services.instance(module);

        CompletableFuture<Void> sending = workload.sendInBackground(key);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 3);
        victim.kill();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= 2 * workload.batches() / 3);
        } finally {
            services.restart(victim); // whatever happened, the tests after this one get the service back
        }
        sending.get(3, TimeUnit.MINUTES);
        Client.awaitCaughtUp(key);

        Workload.Outcome outcome = workload.check(key, cleanKey);
        Report.fault(new Report.Fault(
                module + " killed mid-batch",
                "SIGKILL after a third of the batches was accepted, restarted after two thirds",
                outcome.sent(),
                outcome.applied(),
                outcome.lost(),
                outcome.duplicated(),
                "profiles, timelines, segment members equal a clean run's; purchases counted once"));
    }
}
