package io.mosaic.profile.service;

import io.mosaic.events.InteractionEvent;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.EventDedup;
import io.mosaic.persistence.OffsetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies a batch of {@code mosaic.interactions} records in one transaction: profiles, identifiers, timeline,
 * merge decisions (outbox) and the applied offsets commit together, so a redelivered record changes nothing.
 */
@ApplicationScoped
public class InteractionProcessor {
    private final OffsetStore offsets;
    private final EventDedup dedup;
    private final DeadLetters deadLetters;
    private final ProfileWriter writer;
    private final Clock clock;

    public InteractionProcessor(
            OffsetStore offsets, EventDedup dedup, DeadLetters deadLetters, ProfileWriter writer, Clock clock) {
        this.offsets = offsets;
        this.dedup = dedup;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.clock = clock;
    }

    @Transactional
    public void apply(List<ConsumerRecord<String, byte[]>> records) {
        OffsetStore.Unapplied batch = offsets.unapplied(records);
        Instant now = clock.instant();
        deadLetters.decodeByTenant(batch.records()).forEach((tenant, events) -> applyTenant(tenant, events, now));
        offsets.markApplied(batch);
    }

    @Transactional
    public void skip(ConsumerRecord<String, byte[]> record) {
        offsets.skip(record);
    }

    private void applyTenant(String tenant, List<InteractionEvent> events, Instant now) {
        List<InteractionEvent> unique = dedup.fresh(tenant, events, now);
        if (unique.isEmpty()) {
            return;
        }
        ProfileBatch batch = new ProfileBatch(tenant, unique, writer);
        unique.forEach(batch::apply);
        writer.write(batch, now);
    }
}
