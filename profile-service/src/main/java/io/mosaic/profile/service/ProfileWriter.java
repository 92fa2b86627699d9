package io.mosaic.profile.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.persistence.CustomerAliases;
import io.mosaic.persistence.ErasedCustomers;
import io.mosaic.profile.ProfileConfig;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.profile.persistence.DerivedStore;
import io.mosaic.profile.persistence.IdentifierStore;
import io.mosaic.profile.persistence.ProfileRow;
import io.mosaic.profile.persistence.ProfileStore;
import io.mosaic.profile.persistence.TimelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The stores a batch reads and writes, and the end of a batch: everything it learnt, written at once. */
@ApplicationScoped
public class ProfileWriter {
    private final ProfileStore profiles;
    private final IdentifierStore identifiers;
    private final TimelineStore timeline;
    private final DerivedStore derived;
    private final CustomerAliases aliases;
    private final ErasedCustomers erased;
    private final MergePolicy policy;
    private final MergeDecisions decisions;
    private final int timelineMax;
    private final MeterRegistry registry;

    public ProfileWriter(
            ProfileStore profiles,
            IdentifierStore identifiers,
            TimelineStore timeline,
            DerivedStore derived,
            CustomerAliases aliases,
            ErasedCustomers erased,
            MergePolicy policy,
            MergeDecisions decisions,
            ProfileConfig config,
            MeterRegistry registry) {
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.timeline = timeline;
        this.derived = derived;
        this.aliases = aliases;
        this.erased = erased;
        this.policy = policy;
        this.decisions = decisions;
        this.timelineMax = config.timeline().maxEntriesPerCustomer();
        this.registry = registry;
    }

    void write(ProfileBatch batch, Instant now) {
        List<ProfileRow> changed = batch.changed.stream()
                .filter(id -> !batch.removed.contains(id))
                .map(batch.profiles::get)
                .toList();
        changed.forEach(profile -> {
            profile.version++;
            profile.updatedAt = now;
        });
        profiles.save(batch.tenant, changed);
        profiles.delete(batch.tenant, List.copyOf(batch.removed));
        timeline.add(batch.tenant, batch.timeline);
        timeline.trim(batch.tenant, batch.changed, timelineMax);
        Set<IdentifierStore.Presented> added = identifiers.add(batch.tenant, batch.identifiers.keySet());
        decisions.decide(batch, added, now);
    }

    /** Deletes what is stored on these customer ids (the erasure itself is remembered by the batch). */
    void eraseStored(String tenant, List<String> customerIds) {
        profiles.delete(tenant, customerIds);
        identifiers.delete(tenant, customerIds);
        timeline.delete(tenant, customerIds);
        derived.delete(tenant, customerIds);
    }

    void blockedIdentifier(IdentifierKey key) {
        registry.counter(
                        "mosaic.profile.identifiers.blocked", "kind", key.kind().wireName())
                .increment();
    }

    ProfileStore profiles() {
        return profiles;
    }

    IdentifierStore identifiers() {
        return identifiers;
    }

    TimelineStore timeline() {
        return timeline;
    }

    CustomerAliases aliases() {
        return aliases;
    }

    ErasedCustomers erased() {
        return erased;
    }

    MergePolicy policy() {
        return policy;
    }
}
