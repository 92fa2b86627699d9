package io.mosaic.segmentation.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mosaic.segmentation.service.InteractionProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mosaic.interactions} in batches. A batch that fails because the database or Kafka is away is
 * retried until it goes through (the partition waits; nothing is skipped). A batch that fails for any other
 * reason is applied record by record, and the record that fails goes to the DLQ, so one bad record never stops
 * its partition.
 */
@ApplicationScoped
public class InteractionConsumer {
    public static final String CHANNEL = "interactions";
    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final InteractionProcessor processor;
    private final DeadLetters deadLetters;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Timer batchTime;
    private final DistributionSummary batchSize;

    public InteractionConsumer(InteractionProcessor processor, DeadLetters deadLetters, MeterRegistry registry) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.batchTime = Timer.builder("mosaic.segmentation.batch.duration")
                .description("Time to apply one consumed batch, retries included")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.batchSize = DistributionSummary.builder("mosaic.segmentation.batch.records")
                .description("Records per consumed batch")
                .register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking // JDBC in a JTA transaction per batch; batches of a channel run one at a time, in order
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
    }

    private void applyWithRetries(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                processor.apply(records);
                healthy.set(true);
                return;
            } catch (RuntimeException e) {
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

    public boolean healthy() {
        return healthy.get();
    }

    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                processor.apply(List.of(record));
            } catch (RuntimeException e) {
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
                    processor.skip(record);
                }
            }
        }
    }

    /**
     * Whether retrying the same records can succeed: the database or Kafka being away, a lost connection, a
     * deadlock or serialization failure. A data error that a record's content causes is not transient; that
     * record goes to the DLQ instead of stopping its partition.
     */
    static boolean isTransient(Throwable error) {
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
