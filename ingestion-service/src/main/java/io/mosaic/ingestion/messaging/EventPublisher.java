package io.mosaic.ingestion.messaging;

import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.InteractionEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Writes accepted events to {@code mosaic.interactions}. A returned stage completes only when every in-sync
 * replica has the event; it fails with {@link PublishFailedException} when Kafka did not take it in time.
 */
@ApplicationScoped
public class EventPublisher {
    private final Producer<String, byte[]> producer;
    private final TransactionalProducerPool batchProducers;
    private final String topic;

    @Inject
    public EventPublisher(ProducerSettings settings, TransactionalProducerPool batchProducers, TopicsConfig topics) {
        this(new KafkaProducer<>(settings.idempotent()), batchProducers, topics.interactions());
    }

    EventPublisher(Producer<String, byte[]> producer, TransactionalProducerPool batchProducers, String topic) {
        this.producer = producer;
        this.batchProducers = batchProducers;
        this.topic = topic;
    }

    /** One event; concurrent requests share the producer, so their records travel to Kafka together. */
    public CompletionStage<Void> publish(InteractionEvent event) {
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
        return acknowledged;
    }

    /** Several events in one Kafka transaction: all become visible to consumers, or none. Blocks until done. */
    public void publishAtomically(List<InteractionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        TransactionalProducerPool.Slot slot = borrow();
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

    private TransactionalProducerPool.Slot borrow() {
        try {
            return batchProducers.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for a batch producer", e);
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
        producer.close(Duration.ofSeconds(5));
    }
}
