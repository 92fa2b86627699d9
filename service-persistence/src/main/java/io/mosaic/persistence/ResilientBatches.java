package io.mosaic.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Applies consumed batches of one channel so that nothing is lost and nothing stops a partition. A batch that
 * fails because the database or Kafka is away is retried until it goes through (the partition waits; nothing is
 * skipped). A batch that fails for any other reason is applied record by record, and the record that fails goes
 * to the DLQ. While the application stops, a failing batch is given up instead (see {@link StoppingException}).
 */
public final class ResilientBatches {
    private static final Logger LOG = Logger.getLogger(ResilientBatches.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final Consumer<List<ConsumerRecord<String, byte[]>>> apply;
    private final Consumer<ConsumerRecord<String, byte[]>> skip;
    private final DeadLetters deadLetters;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Timer batchTime;
    private final DistributionSummary batchSize;

    /**
     * @param apply applies records in one transaction with their offsets, so that a redelivery is skipped
     * @param skip marks a record applied without applying it: it could not be processed and is in the DLQ
     */
    public ResilientBatches(
            String channel,
            Consumer<List<ConsumerRecord<String, byte[]>>> apply,
            Consumer<ConsumerRecord<String, byte[]>> skip,
            DeadLetters deadLetters,
            MeterRegistry registry) {
        this.apply = apply;
        this.skip = skip;
        this.deadLetters = deadLetters;
        this.batchTime = Timer.builder("mosaic.consumer.batch.duration")
                .description("Time to apply one consumed batch, retries included")
                .tag("channel", channel)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.batchSize = DistributionSummary.builder("mosaic.consumer.batch.records")
                .description("Records per consumed batch")
                .tag("channel", channel)
                .register(registry);
    }

    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        batch.forEach(records::add);
        batchSize.record(records.size());
        Timer.Sample sample = Timer.start();
        try {
            applyWithRetries(records);
        } finally {
            sample.stop(batchTime);
        }
        CrashWindow.batchApplied(records.size());
    }

    /** False while batches fail for want of the database or Kafka. */
    public boolean healthy() {
        return healthy.get();
    }

    private void applyWithRetries(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                apply.accept(records);
                healthy.set(true);
                return;
            } catch (RuntimeException e) {
                giveUpIfStopping(e);
                if (!isTransient(e)) {
                    applyOneByOne(records);
                    healthy.set(true);
                    return;
                }
                healthy.set(false);
                LOG.warnf(
                        "Could not apply a batch of %d records (%s); retrying in %d ms",
                        records.size(), rootMessage(e), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                apply.accept(List.of(record));
            } catch (RuntimeException e) {
                giveUpIfStopping(e);
                if (isTransient(e)) {
                    applyWithRetries(List.of(record));
                } else {
                    LOG.errorf(
                            e,
                            "Record %s-%d@%d failed; sending it to the DLQ",
                            record.topic(),
                            record.partition(),
                            record.offset());
                    deadLetters.send(record, e);
                    skip.accept(record);
                }
            }
        }
    }

    private void giveUpIfStopping(RuntimeException failure) {
        if (deadLetters.stopping()) {
            throw new StoppingException(failure);
        }
    }

    /**
     * A batch failed while the application stops: neither retried (the service is going) nor dead-lettered (the
     * failure may be the shutdown's own). Its offsets stay uncommitted, so the partition's next owner applies it.
     */
    public static final class StoppingException extends RuntimeException {
        StoppingException(RuntimeException cause) {
            super("the service is stopping; the batch is left for the partition's next owner", cause);
        }
    }

    /**
     * Whether retrying the same records can succeed: the database or Kafka being away, a lost connection, a
     * deadlock or serialization failure. A data error that a record's content causes is not transient; that
     * record goes to the DLQ instead of stopping its partition.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return isTransientSqlState(sql.getSQLState());
            }
            if (cause instanceof DeadLetters.UnavailableException
                    || cause instanceof jakarta.transaction.SystemException
                    || cause instanceof jakarta.transaction.RollbackException) {
                return true;
            }
        }
        return false;
    }

    /** Connection (08), resources (53), operator intervention (57), transaction rollback (40); or unknown. */
    static boolean isTransientSqlState(String state) {
        return state == null
                || state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57")
                || state.startsWith("40");
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
