package io.mosaic.segmentation.readmodel;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.ResilientBatches;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the topology's segment changes to the membership table in large batches ({@link MembershipSink}); while
 * PostgreSQL is away a batch is retried and the instance reports itself unready ({@link ResilientBatches}).
 */
@ApplicationScoped
public class MembershipConsumer {
    public static final String CHANNEL = "segment-changes";

    private final ResilientBatches batches;

    public MembershipConsumer(MembershipSink sink, DeadLetters deadLetters, MeterRegistry registry) {
        this.batches = new ResilientBatches(CHANNEL, sink::apply, record -> {}, deadLetters, registry);
    }

    @Incoming(CHANNEL)
    @Blocking // one JDBC transaction per batch; batches of a channel run one at a time, in order
    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        batches.consume(batch);
    }

    public boolean healthy() {
        return batches.healthy();
    }
}
