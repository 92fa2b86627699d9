package io.mosaic.ingestion.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.events.InteractionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: batches that wait together share a transaction, and still fail or succeed whole and alone. */
class SharedTransactionsTest {
    /** Each committed transaction, as the customer ids of its events. */
    private final List<List<String>> committed = new CopyOnWriteArrayList<>();

    private final CountDownLatch firstTransactionEntered = new CountDownLatch(1);
    private final CountDownLatch firstTransactionMayCommit = new CountDownLatch(1);
    private SharedTransactions transactions;

    /** One writer whose first transaction waits until told, so that the next batches queue behind it. */
    private SharedTransactions oneWriter(int maxEvents) {
        transactions = new SharedTransactions(
                events -> {
                    List<String> customers =
                            events.stream().map(InteractionEvent::customerId).toList();
                    if (customers.contains("refused")) {
                        throw new PublishFailedException("Kafka refused a record", null);
                    }
                    if (firstTransactionEntered.getCount() > 0) {
                        firstTransactionEntered.countDown();
                        await(firstTransactionMayCommit);
                    }
                    committed.add(customers);
                },
                1,
                maxEvents);
        return transactions;
    }

    @AfterEach
    void stopWriters() {
        transactions.close();
    }

    @Test
    void batchesThatWaitTogetherShareOneTransaction() throws Exception {
        SharedTransactions shared = oneWriter(5000);
        CompletableFuture<Void> first = shared.submit(TestEvents.from("a", 2));
        await(firstTransactionEntered);
        CompletableFuture<Void> second = shared.submit(TestEvents.from("b", 2));
        CompletableFuture<Void> third = shared.submit(TestEvents.from("c", 1));

        firstTransactionMayCommit.countDown();
        CompletableFuture.allOf(first, second, third).get(5, TimeUnit.SECONDS);

        assertThat(committed).containsExactly(List.of("a0", "a1"), List.of("b0", "b1", "c0"));
    }

    @Test
    void aSharedTransactionHoldsAtMostTheMaximumOfEvents() throws Exception {
        SharedTransactions shared = oneWriter(4);
        CompletableFuture<Void> first = shared.submit(TestEvents.from("a", 1));
        await(firstTransactionEntered);
        CompletableFuture<Void> second = shared.submit(TestEvents.from("b", 3));
        CompletableFuture<Void> third = shared.submit(TestEvents.from("c", 3));
        CompletableFuture<Void> fourth = shared.submit(TestEvents.from("d", 1));

        firstTransactionMayCommit.countDown();
        CompletableFuture.allOf(first, second, third, fourth).get(5, TimeUnit.SECONDS);

        assertThat(committed)
                .containsExactly(List.of("a0"), List.of("b0", "b1", "b2"), List.of("c0", "c1", "c2", "d0"));
    }

    @Test
    void aBatchKafkaRefusesFailsAloneAndTheBatchesThatSharedItsTransactionAreCommitted() throws Exception {
        SharedTransactions shared = oneWriter(5000);
        CompletableFuture<Void> first = shared.submit(TestEvents.from("a", 1));
        await(firstTransactionEntered);
        CompletableFuture<Void> before = shared.submit(TestEvents.from("b", 2));
        CompletableFuture<Void> refused = shared.submit(List.of(TestEvents.of("refused")));
        CompletableFuture<Void> after = shared.submit(TestEvents.from("c", 1));

        firstTransactionMayCommit.countDown();
        CompletableFuture.allOf(first, before, after).get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PublishFailedException.class);
        assertThat(committed).containsExactly(List.of("a0"), List.of("b0", "b1"), List.of("c0"));
    }

    @Test
    void aBatchNoOneWaitsForAnyMoreIsLeftOut() throws Exception {
        SharedTransactions shared = oneWriter(5000);
        CompletableFuture<Void> first = shared.submit(TestEvents.from("a", 1));
        await(firstTransactionEntered);
        shared.submit(TestEvents.from("gone", 1)).cancel(false);
        CompletableFuture<Void> waited = shared.submit(TestEvents.from("b", 1));

        firstTransactionMayCommit.countDown();
        CompletableFuture.allOf(first, waited).get(5, TimeUnit.SECONDS);

        assertThat(committed).containsExactly(List.of("a0"), List.of("b0"));
    }

    @Test
    void writersAndTheMaximumAreBounded() {
        transactions = oneWriter(1);
        assertThatThrownBy(() -> new SharedTransactions(events -> {}, 0, 10))
                .hasMessageContaining("mosaic.ingestion.batch-producers");
        assertThatThrownBy(() -> new SharedTransactions(events -> {}, 1, 100_001))
                .hasMessageContaining("mosaic.ingestion.transaction-max-events");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not reached within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
