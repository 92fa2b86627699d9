package io.mosaic.segmentation.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.ResilientBatches;
import io.mosaic.segmentation.service.InteractionProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code mosaic.interactions} in batches; see {@link ResilientBatches} for failures. */
@ApplicationScoped
public class InteractionConsumer {
    public static final String CHANNEL = "interactions";

    private final ResilientBatches batches;

    public InteractionConsumer(InteractionProcessor processor, DeadLetters deadLetters, MeterRegistry registry) {
        this.batches = new ResilientBatches(CHANNEL, processor::apply, processor::skip, deadLetters, registry);
    }

    @Incoming(CHANNEL)
    @Blocking // JDBC in a JTA transaction per batch; batches of a channel run one at a time, in order
    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        batches.consume(batch);
    }

    public boolean healthy() {
        return batches.healthy();
    }
}
