package io.mosaic.ingestion.messaging;

import io.mosaic.events.InteractionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Batches written in Kafka transactions shared by the batches that wait at the same moment (group commit). Each of
 * the writer threads takes every waiting batch, up to {@code maxEvents} events, into one transaction, so a batch is
 * still all or nothing while what a transaction costs the broker (coordinator log writes, a marker on every
 * partition it touched) is paid per transaction rather than per request, and stops growing with the request rate.
 *
 * <p>A shared transaction that fails is retried one batch per transaction, so a batch Kafka refuses fails alone.
 * A batch whose requester stopped waiting (its publish timeout) is left out if it has not been taken yet. How many
 * batches wait is bounded by the HTTP worker threads that wait for them.
 */
final class SharedTransactions {
    /** A batch and what its requester waits on. */
    record Waiting(List<InteractionEvent> events, CompletableFuture<Void> written) {}

    private final LinkedBlockingDeque<Waiting> waiting = new LinkedBlockingDeque<>();
    private final Consumer<List<InteractionEvent>> transaction;
    private final int maxEvents;
    private final List<Thread> writers = new ArrayList<>();

    /**
     * @param transaction writes events in one transaction and throws when they were not committed
     */
    SharedTransactions(Consumer<List<InteractionEvent>> transaction, int writers, int maxEvents) {
        if (writers < 1 || writers > 64) {
            throw new IllegalArgumentException("mosaic.ingestion.batch-producers must be 1-64, not " + writers);
        }
        if (maxEvents < 1 || maxEvents > 100_000) {
            throw new IllegalArgumentException(
                    "mosaic.ingestion.transaction-max-events must be 1-100000, not " + maxEvents);
        }
        this.transaction = transaction;
        this.maxEvents = maxEvents;
        AtomicInteger names = new AtomicInteger();
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::write, "mosaic-batch-transaction-" + names.incrementAndGet());
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** Completes when the batch is committed, exceptionally with {@link PublishFailedException} when it is not. */
    CompletableFuture<Void> submit(List<InteractionEvent> events) {
        Waiting batch = new Waiting(events, new CompletableFuture<>());
        waiting.add(batch);
        return batch.written();
    }

    void close() {
        writers.forEach(Thread::interrupt);
    }

    private void write() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                commit(group(waiting.take()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The first batch and every one waiting behind it that fits, oldest first. */
    private List<Waiting> group(Waiting first) {
        List<Waiting> group = new ArrayList<>(List.of(first));
        int events = first.events().size();
        Waiting next;
        while ((next = waiting.pollFirst()) != null) {
            if (events + next.events().size() > maxEvents) {
                waiting.addFirst(next);
                break;
            }
            group.add(next);
            events += next.events().size();
        }
        return group;
    }

    private void commit(List<Waiting> group) {
        group.removeIf(batch -> batch.written().isDone()); // no one waits for it any more
        if (group.isEmpty()) {
            return;
        }
        try {
            transaction.accept(group.stream().flatMap(b -> b.events().stream()).toList());
            group.forEach(batch -> batch.written().complete(null));
        } catch (RuntimeException failure) {
            if (group.size() == 1) {
                group.get(0).written().completeExceptionally(asPublishFailure(failure));
            } else {
                group.forEach(this::commitAlone);
            }
        }
    }

    private void commitAlone(Waiting batch) {
        if (batch.written().isDone()) {
            return;
        }
        try {
            transaction.accept(batch.events());
            batch.written().complete(null);
        } catch (RuntimeException failure) {
            batch.written().completeExceptionally(asPublishFailure(failure));
        }
    }

    private static PublishFailedException asPublishFailure(RuntimeException failure) {
        return failure instanceof PublishFailedException publish
                ? publish
                : new PublishFailedException("the batch could not be written", failure);
    }
}
