package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.local.DemoHistory;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The demo's event mix for some customers, sent as a ticketing system sends it: in batches, a refused batch (503)
 * sent again unchanged after a pause, so that its event ids make the retry safe. Knows what it sent, to tell what
 * was lost or doubled.
 */
final class Workload {
    /** One instant for every run of the test JVM: two tenants fed the same workload get the same timestamps. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);

    private static final int BATCH = 25;

    final List<Map<String, Object>> events;
    final Set<String> customerIds = new LinkedHashSet<>();
    private final AtomicInteger batchesSent = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /** Results of comparing what a tenant shows with what was sent and with a clean run. */
    record Outcome(long sent, long applied, long lost, long duplicated) {}

    Workload(int firstCustomer, int customers, long seed) {
        this.events = new DemoHistory(firstCustomer, customers, NOW, seed).events();
        events.forEach(event -> customerIds.add((String) event.get("customerId")));
    }

    int batches() {
        return (events.size() + BATCH - 1) / BATCH;
    }

    /** Batches accepted since the last {@link #sendInBackground}. */
    int batchesSent() {
        return batchesSent.get();
    }

    /** How many batches were answered 503 (and then sent again). */
    long refused() {
        return refused.get();
    }

    /** Every batch, one after another; answers when all were accepted. */
    void send(String key) {
        for (int batch = 0; batch < batches(); batch++) {
            sendUntilAccepted(key, batch);
        }
    }

    /** {@link #send} on another thread, so that a test can break something meanwhile. */
    CompletableFuture<Void> sendInBackground(String key) {
        batchesSent.set(0); // counts this tenant's batches from here, not an earlier clean run's
        refused.set(0);
        return CompletableFuture.runAsync(() -> send(key));
    }

    private void sendUntilAccepted(String key, int batch) {
        List<Map<String, Object>> slice = events.subList(batch * BATCH, Math.min(events.size(), (batch + 1) * BATCH));
        // A client's back-off: the refused batch is sent again, unchanged, every 500 ms until accepted.
        await().alias("batch " + batch + " accepted")
                .atMost(Duration.ofMinutes(3))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> accepted(key, batch, slice));
        batchesSent.incrementAndGet();
    }

    private boolean accepted(String key, int batch, List<Map<String, Object>> slice) {
        long started = System.nanoTime();
        Response response = Client.postBatch(key, slice);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (response.statusCode() == 200) {
            assertThat(response.jsonPath().getInt("accepted")).isEqualTo(slice.size());
            return true;
        }
        // The promise to clients: a refusal is a 503 with Retry-After, and the same batch may be sent again.
        assertThat(response.statusCode())
                .as("batch %d, answered after %d ms: %s", batch, tookMillis, response.asString())
                .isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotNull();
        refused.incrementAndGet();
        return false;
    }

    /** A clean run: a new tenant fed this workload with nothing broken; answers its key. */
    String cleanRun() {
        String key = Client.fullKey(Client.newTenant("clean"));
        send(key);
        Client.awaitCaughtUp(key);
        return key;
    }

    /**
     * Checks the tenant of {@code key} against what was sent and against the clean run's tenant; answers the counts
     * for the report. Both are read until they agree (for at most a minute): scores that depend on the whole
     * tenant, such as RFM against the tenant's quintiles, are recomputed on a timer and settle for both at once.
     */
    Outcome check(String key, String cleanKey) {
        AtomicReference<TenantState> state = new AtomicReference<>();
        AtomicReference<TenantState> clean = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        state.set(TenantState.read(key, customerIds));
                        clean.set(TenantState.read(cleanKey, customerIds));
                        return state.get()
                                        .withoutReadTimeScores()
                                        .equals(clean.get().withoutReadTimeScores())
                                && state.get().rfmScored() == clean.get().rfmScored();
                    });
        } catch (ConditionTimeoutException e) {
            // the assertions below name what differs
        }
        Set<String> sent = new HashSet<>();
        events.forEach(event -> sent.add((String) event.get("eventId")));
        List<String> inTimelines = state.get().timelineEvents();
        Set<String> applied = new HashSet<>(inTimelines);
        Set<String> lost = new HashSet<>(sent);
        lost.removeAll(applied);
        long purchases = events.stream()
                .filter(event -> event.get("type").equals("purchase.completed"))
                .count();
        assertThat(lost).as("events accepted but never applied").isEmpty();
        assertThat(inTimelines).as("events applied twice").doesNotHaveDuplicates();
        assertThat(applied).as("events nobody sent").isSubsetOf(sent);
        long countedTwice = state.get().excessCounts(clean.get());
        assertThat(countedTwice).as("events counted more than once in behavior").isZero();
        assertThat(state.get().purchasesCounted())
                .as("purchases counted in behavior")
                .isEqualTo(purchases);
        // RFM scores (with loyalty tier and VIP) move with the clock, and each tenant's customers are re-evaluated at
        // their own moments: compared as recomputed rather than to the clean tenant's value of the same second.
        assertThat(TenantState.differences(
                        state.get().withoutReadTimeScores(), clean.get().withoutReadTimeScores()))
                .as("differences from a clean run")
                .isEmpty();
        assertThat(state.get().rfmScored())
                .as("customers with an RFM score")
                .isEqualTo(clean.get().rfmScored());
        return new Outcome(
                sent.size(), applied.size(), lost.size(), inTimelines.size() - applied.size() + countedTwice);
    }
}
