package io.mosaic.profile.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.ResilientBatches;
import io.mosaic.profile.service.DerivedProcessor;
import io.mosaic.profile.service.InteractionProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The three topics the profile is built from, each consumed in batches (see {@link ResilientBatches} for
 * failures). Batches of a channel run one at a time, in order; JDBC in a JTA transaction per batch.
 */
@ApplicationScoped
public class ProfileConsumers {
    public static final String INTERACTIONS = "interactions";
    public static final String BEHAVIOR = "customer-behavior";
    public static final String SEGMENT_CHANGES = "segment-changes";

    private final ResilientBatches interactions;
    private final ResilientBatches behavior;
    private final ResilientBatches segmentChanges;

    public ProfileConsumers(
            InteractionProcessor interactions,
            DerivedProcessor derived,
            DeadLetters deadLetters,
            MeterRegistry registry) {
        this.interactions =
                new ResilientBatches(INTERACTIONS, interactions::apply, interactions::skip, deadLetters, registry);
        this.behavior = new ResilientBatches(BEHAVIOR, derived::applyBehavior, derived::skip, deadLetters, registry);
        this.segmentChanges = new ResilientBatches(
                SEGMENT_CHANGES, derived::applySegmentChanges, derived::skip, deadLetters, registry);
    }

    @Incoming(INTERACTIONS)
    @Blocking
    public void interactions(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        interactions.consume(batch);
    }

    @Incoming(BEHAVIOR)
    @Blocking
    public void behavior(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        behavior.consume(batch);
    }

    @Incoming(SEGMENT_CHANGES)
    @Blocking
    public void segmentChanges(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        segmentChanges.consume(batch);
    }

    /** The channels whose batches fail for want of the database or Kafka. */
    public List<String> unhealthy() {
        List<String> failing = new java.util.ArrayList<>();
        if (!interactions.healthy()) {
            failing.add(INTERACTIONS);
        }
        if (!behavior.healthy()) {
            failing.add(BEHAVIOR);
        }
        if (!segmentChanges.healthy()) {
            failing.add(SEGMENT_CHANGES);
        }
        return failing;
    }
}
