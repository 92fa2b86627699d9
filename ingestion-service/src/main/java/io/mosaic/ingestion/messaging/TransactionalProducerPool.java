package io.mosaic.ingestion.messaging;

import io.mosaic.ingestion.config.IngestionConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * Transactional producers for batches. A producer runs one transaction at a time, so each writer thread borrows
 * one; they are created on first need (a broker that is away at start-up costs nothing) and replaced when one
 * fails for good. Each keeps its slot's transactional id, so a replacement fences its predecessor. There are as
 * many writers as slots ({@link SharedTransactions}), so a borrower never waits for one.
 */
@ApplicationScoped
public class TransactionalProducerPool {
    private final BlockingQueue<Slot> idle;
    private final BlockingQueue<Integer> freeSlots;
    private final Function<Integer, Producer<String, byte[]>> factory;

    @Inject
    public TransactionalProducerPool(ProducerSettings settings, IngestionConfig config) {
        this(config.ingestion().batchProducers(), slot -> new KafkaProducer<>(settings.transactional(slot)));
    }

    TransactionalProducerPool(int size, Function<Integer, Producer<String, byte[]>> factory) {
        this.idle = new ArrayBlockingQueue<>(size);
        this.freeSlots = new ArrayBlockingQueue<>(size);
        for (int slot = 0; slot < size; slot++) {
            freeSlots.add(slot);
        }
        this.factory = factory;
    }

    /** A producer with transactions initialised, idle or new. */
    public Slot borrow() {
        Slot slot = idle.poll();
        if (slot != null) {
            return slot;
        }
        Integer free = freeSlots.poll();
        if (free != null) {
            return create(free);
        }
        throw new PublishFailedException("all batch producers are busy", null);
    }

    public void release(Slot slot) {
        idle.add(slot);
    }

    /** Closes a producer that is no longer usable; its slot gets a fresh one on the next borrow. */
    public void discard(Slot slot) {
        closeQuietly(slot.producer());
        freeSlots.add(slot.index());
    }

    private Slot create(int index) {
        Producer<String, byte[]> producer = null;
        try {
            producer = factory.apply(index);
            producer.initTransactions();
            return new Slot(index, producer);
        } catch (KafkaException e) {
            closeQuietly(producer);
            freeSlots.add(index);
            throw new PublishFailedException("Kafka is not reachable for transactions", e);
        }
    }

    private static void closeQuietly(Producer<String, byte[]> producer) {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a broken producer can fail too; it is gone either way
            }
        }
    }

    @PreDestroy
    void close() {
        idle.forEach(slot -> closeQuietly(slot.producer()));
    }

    public record Slot(int index, Producer<String, byte[]> producer) {}
}
