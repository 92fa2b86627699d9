package io.mosaic.ingestion.messaging;

import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.InteractionEvent;
import io.mosaic.ingestion.config.IngestionConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Writes accepted events to {@code mosaic.interactions}. A returned stage completes only when every in-sync
 * replica has the event; it fails with {@link PublishFailedException} when Kafka did not take it within the
 * publish timeout. Each Kafka call is bounded by the producer's own timeouts, but a request may need several of
 * them in a row (metadata, commit, abort, close): the publish timeout bounds the request as a whole, so that the
 * gateway always relays ingestion's own answer.
 */
@ApplicationScoped
public class EventPublisher {
    private final Producer<String, byte[]> producer;
    private final TransactionalProducerPool batchProducers;
    private final String topic;
    private final Duration publishTimeout;
    private final SharedTransactions transactions;

    @Inject
    public EventPublisher(
            ProducerSettings settings,
            TransactionalProducerPool batchProducers,
            TopicsConfig topics,
            IngestionConfig config) {
        this(
                new KafkaProducer<>(settings.idempotent()),
                batchProducers,
                topics.interactions(),
                config.ingestion().publishTimeout(),
                config.ingestion().batchProducers(),
                config.ingestion().transactionMaxEvents());
    }

    EventPublisher(
            Producer<String, byte[]> producer,
            TransactionalProducerPool batchProducers,
            String topic,
            Duration publishTimeout,
            int writers,
            int transactionMaxEvents) {
        this.producer = producer;
        this.batchProducers = batchProducers;
        this.topic = topic;
        this.publishTimeout = publishTimeout;
        this.transactions = new SharedTransactions(this::writeInTransaction, writers, transactionMaxEvents);
    }

    /** One event; concurrent requests share the producer, so their records travel to Kafka together. */
    public CompletionStage<Void> publish(InteractionEvent event) {
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(EventRecords.of(topic, event), (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(new PublishFailedException("Kafka did not acknowledge", error));
                }
            });
        } catch (KafkaException e) {
            acknowledged.completeExceptionally(new PublishFailedException("Kafka did not take the event", e));
        }
        // send() may have waited for metadata already; the delivery timeout only starts after that wait
        return acknowledged
                .orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        error instanceof TimeoutException
                                ? new PublishFailedException(
                                        "Kafka did not acknowledge within " + publishTimeout, error)
                                : error));
    }

    /**
     * Several events in one Kafka transaction (which other requests' batches may share): all become visible to
     * consumers, or none. Blocks until the transaction committed, or fails within the publish timeout. A
     * transaction still under way then goes on and may yet commit; the client's retry of the same events is
     * absorbed by their event ids.
     */
    public void publishAtomically(List<InteractionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        CompletableFuture<Void> transaction = transactions.submit(events);
        try {
            transaction.get(publishTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            transaction.cancel(false); // left out if no transaction has taken it yet
            throw new PublishFailedException("Kafka did not confirm the batch within " + publishTimeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        }
    }

    private void writeInTransaction(List<InteractionEvent> events) {
        TransactionalProducerPool.Slot slot = batchProducers.borrow();
        Producer<String, byte[]> transactional = slot.producer();
        try {
            transactional.beginTransaction();
            events.forEach(event -> transactional.send(EventRecords.of(topic, event)));
            transactional.commitTransaction();
            batchProducers.release(slot);
        } catch (ProducerFencedException
                | OutOfOrderSequenceException
                | AuthorizationException
                | UnsupportedVersionException fatal) {
            batchProducers.discard(slot);
            throw new PublishFailedException("the batch producer failed", fatal);
        } catch (KafkaException | IllegalStateException e) {
            abort(slot);
            throw new PublishFailedException("Kafka did not confirm the batch", e);
        }
    }

    private void abort(TransactionalProducerPool.Slot slot) {
        try {
            slot.producer().abortTransaction();
            batchProducers.release(slot);
        } catch (KafkaException | IllegalStateException e) {
            // The transaction's state is unknown (e.g. a commit that timed out): a fresh producer with the same
            // transactional id fences this one, which makes the coordinator abort what was left open.
            batchProducers.discard(slot);
        }
    }

    @PreDestroy
    void close() {
        transactions.close();
        producer.close(Duration.ofSeconds(5));
    }
}
