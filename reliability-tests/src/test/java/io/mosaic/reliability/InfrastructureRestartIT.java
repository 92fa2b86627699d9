package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker and the database go away while events flow and come back on the same address with their data. */
@ExtendWith(Platform.class)
class InfrastructureRestartIT {
    private static final int REFUSALS_DURING_OUTAGE = 5;

    @Test
    void brokerRestartedDuringIngestionLosesNoAcceptedEvent() throws Exception {
        Workload workload = new Workload(3000, 150, 104);
        String cleanKey = workload.cleanRun();
        String key = Client.fullKey(Client.newTenant("broker"));

        CompletableFuture<Void> sending = workload.sendInBackground(key);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 3);
        int sentBeforeOutage = workload.batchesSent();
        Platform.get().stopKafka();
        long down = System.nanoTime();
        try {
            // The broker stays down until clients have been refused and are sending their batches again (or the
            // sender failed: its error is the one to show).
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> workload.refused() >= REFUSALS_DURING_OUTAGE || sending.isDone());
        } finally {
            Platform.get().startKafka(); // whatever happened, the tests after this one get their broker back
        }
        long outageSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - down);
        sending.get(3, TimeUnit.MINUTES);
        Client.awaitCaughtUp(key);

        assertThat(workload.refused())
                .as("batches refused with 503 while the broker was down")
                .isPositive();
        Workload.Outcome outcome = workload.check(key, cleanKey);
        Report.fault(new Report.Fault(
                "Broker stopped and restarted during ingestion",
                String.format(
                        "controlled shutdown after %d of %d batches were accepted, down %d s, started again on the same"
                                + " port and log",
                        sentBeforeOutage, workload.batches(), outageSeconds),
                outcome.sent(),
                outcome.applied(),
                outcome.lost(),
                outcome.duplicated(),
                workload.refused() + " batch requests answered 503 with Retry-After and sent again unchanged;"
                        + " state equals a clean run's"));
    }

    @Test
    void databaseRestartPausesConsumersWhichThenCatchUp() throws Exception {
        Workload workload = new Workload(4000, 150, 105);
        String cleanKey = workload.cleanRun();
        String key = Client.fullKey(Client.newTenant("database"));
        MosaicServices services = Platform.get().services();

        CompletableFuture<Void> sending = workload.sendInBackground(key);
        await().atMost(Duration.ofSeconds(60)).until(() -> workload.batchesSent() >= workload.batches() / 3);
        Platform.get().stopDatabase();
        try {
            for (String consumer : new String[] {"segmentation-service", "profile-service"}) {
                await(consumer + " reports unready without its database")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> !services.instance(consumer).isReady());
            }
            await("ingestion keeps accepting events without the database")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> workload.batchesSent() >= 2 * workload.batches() / 3);
        } finally {
            Platform.get().startDatabase(); // whatever happened, the tests after this one get their database back
        }
        for (String consumer : new String[] {"segmentation-service", "profile-service"}) {
            await(consumer + " ready again")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> services.instance(consumer).isReady());
        }
        sending.get(3, TimeUnit.MINUTES);
        Client.awaitCaughtUp(key);

        Workload.Outcome outcome = workload.check(key, cleanKey);
        Report.fault(new Report.Fault(
                "PostgreSQL stopped and restarted",
                "fast shutdown after a third of the batches (open connections cut), started again on the same port"
                        + " and data once another third had been accepted",
                outcome.sent(),
                outcome.applied(),
                outcome.lost(),
                outcome.duplicated(),
                "segmentation and profile reported unready while it was down, ready after;"
                        + " ingestion kept accepting; state equals a clean run's"));
    }
}
