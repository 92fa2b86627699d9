package io.mosaic.segmentation.service;

import io.mosaic.events.InteractionEvent;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.EventDedup;
import io.mosaic.persistence.OffsetStore;
import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.IdentityStore;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.segments.SegmentCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies a batch of {@code mosaic.interactions} records in one transaction: state, memberships, outbox and the
 * applied offsets commit together, so a redelivered record is skipped and nothing is applied twice.
 */
@ApplicationScoped
public class InteractionProcessor {
    private final OffsetStore offsets;
    private final EventDedup dedup;
    private final CustomerStore customers;
    private final IdentityStore identities;
    private final MembershipStore memberships;
    private final SegmentStore segments;
    private final TenantCatalogs catalogs;
    private final CustomerCommitter committer;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public InteractionProcessor(
            OffsetStore offsets,
            EventDedup dedup,
            CustomerStore customers,
            IdentityStore identities,
            MembershipStore memberships,
            SegmentStore segments,
            TenantCatalogs catalogs,
            CustomerCommitter committer,
            DeadLetters deadLetters,
            Clock clock) {
        this.offsets = offsets;
        this.dedup = dedup;
        this.customers = customers;
        this.identities = identities;
        this.memberships = memberships;
        this.segments = segments;
        this.catalogs = catalogs;
        this.committer = committer;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Answers how many membership changes the batch made. */
    @Transactional
    public int apply(List<ConsumerRecord<String, byte[]>> records) {
        OffsetStore.Unapplied batch = offsets.unapplied(records);
        Map<String, List<InteractionEvent>> byTenant = deadLetters.decodeByTenant(batch.records());
        Instant now = clock.instant();
        Map<String, Long> versions = segments.catalogVersions(byTenant.keySet());
        int changes = 0;
        for (Map.Entry<String, List<InteractionEvent>> tenantEvents : byTenant.entrySet()) {
            String tenant = tenantEvents.getKey();
            changes += applyTenant(tenant, catalogs.of(tenant, versions.get(tenant)), tenantEvents.getValue(), now);
        }
        offsets.markApplied(batch);
        return changes;
    }

    /** Marks a record applied without applying it: it could not be processed and is in the DLQ. */
    @Transactional
    public void skip(ConsumerRecord<String, byte[]> record) {
        offsets.skip(record);
    }

    private int applyTenant(String tenant, SegmentCatalog catalog, List<InteractionEvent> events, Instant now) {
        List<InteractionEvent> unique = dedup.fresh(tenant, events, now);
        if (unique.isEmpty()) {
            return 0;
        }
        TenantContext context = new TenantContext(tenant, catalog, segments.rfmScale(tenant), now);
        TenantBatch batch = new TenantBatch(context, unique, customers, identities, memberships);
        unique.forEach(batch::apply);
        return committer.commit(context, batch.changed()).size();
    }
}
