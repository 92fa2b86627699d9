package io.mosaic.reliability;

import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer killed again and again while it applies batches, then started again: it must end exactly where a
 * clean run over the same events ends. The first kill is a SIGKILL at whatever moment a quarter of the batches has
 * been accepted; each later one halts the JVM inside the window that matters (the services'
 * {@code MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES} hook): for both topologies (Kafka Streams, exactly-once), once a
 * transaction's state changes and outputs reached the broker and before it committed, so the next life must abort
 * them and restore its stores; for the read models, after a batch's database transaction committed and before its
 * Kafka offsets are, so Kafka redelivers records the database has already applied.
 */
@ExtendWith(Platform.class)
class ConsumerCrashIT {
    private static final int KILLS_IN_THE_WINDOW = 3;

    @Test
    void segmentationKilledMidBatchEndsLikeACleanRun() throws Exception {
        killMidBatchAndRestart(
                "segmentation-service",
                new Workload(0, 150, 101),
                Map.of(
                        "MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES",
                        "1",
                        "MOSAIC_TEST_PRODUCER_INTERCEPTORS",
                        "io.mosaic.streams.CrashWindowInterceptor"),
                "right after the topology's first records of a transaction reached the broker and before it"
                        + " committed");
    }

    @Test
    void profileKilledMidBatchEndsLikeACleanRun() throws Exception {
        killMidBatchAndRestart(
                "profile-service",
                new Workload(1000, 150, 102),
                Map.of(
                        "MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES",
                        "1",
                        "MOSAIC_TEST_PRODUCER_INTERCEPTORS",
                        "io.mosaic.streams.CrashWindowInterceptor"),
                "inside an open transaction of its topology (its first records on the broker, uncommitted) or"
                        + " right after a read-model batch's database commit and before its Kafka offset commit,"
                        + " whichever comes first");
    }

    private static void killMidBatchAndRestart(
            String module, Workload workload, Map<String, String> crashHook, String window) throws Exception {
        String cleanKey = workload.cleanRun();
        String key = Client.fullKey(Client.newTenant("crash"));
        MosaicServices services = Platform.get().services();
        ServiceProcess victim = services.instance(module);

        CompletableFuture<Void> sending = workload.sendInBackground(key);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 4);
        victim.kill();
        ServiceProcess current = victim;
        try {
            for (int kill = 0; kill < KILLS_IN_THE_WINDOW; kill++) {
                ServiceProcess life = services.relaunch(current, crashHook);
                current = life;
                await().atMost(Duration.ofSeconds(120)).until(() -> !life.isAlive());
            }
        } finally {
            if (current.isAlive()) {
                current.kill();
            }
            services.restart(current); // whatever happened, the tests after this one get the service back
        }
        sending.get(3, TimeUnit.MINUTES);
        Client.awaitCaughtUp(key);

        Workload.Outcome outcome = workload.check(key, cleanKey);
        Report.fault(new Report.Fault(
                module + " killed mid-batch",
                "SIGKILL once a quarter of the batches was accepted, then " + KILLS_IN_THE_WINDOW + " halts each "
                        + window + " (a test hook), restarted after each",
                outcome.sent(),
                outcome.applied(),
                outcome.lost(),
                outcome.duplicated(),
                "profiles, timelines, segment members equal a clean run's; purchases counted once"));
    }
}
