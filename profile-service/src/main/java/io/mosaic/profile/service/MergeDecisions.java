package io.mosaic.profile.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.mosaic.persistence.CustomerAliases;
import io.mosaic.persistence.Outbox;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.profile.persistence.IdentifierStore;
import io.mosaic.profile.persistence.IdentifierStore.Presented;
import io.mosaic.profile.persistence.ProfileRow;
import io.mosaic.profile.persistence.ProfileStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides automatic merges when a customer id presents an email or phone for the first time that other customers
 * hold, and publishes each as a {@code customer.merged} event through the outbox, in the transaction that saw
 * it. Nothing is merged here: every service, this one included, merges when it consumes the event.
 */
@ApplicationScoped
public class MergeDecisions {
    private final MergePolicy policy;
    private final IdentifierStore identifiers;
    private final CustomerAliases aliases;
    private final ProfileStore profiles;
    private final Outbox outbox;
    private final String topic;
    private final MeterRegistry registry;

    public MergeDecisions(
            MergePolicy policy,
            IdentifierStore identifiers,
            CustomerAliases aliases,
            ProfileStore profiles,
            Outbox outbox,
            TopicsConfig topics,
            MeterRegistry registry) {
        this.policy = policy;
        this.identifiers = identifiers;
        this.aliases = aliases;
        this.profiles = profiles;
        this.outbox = outbox;
        this.topic = topics.interactions();
        this.registry = registry;
    }

    void decide(ProfileBatch batch, Set<Presented> added, Instant now) {
        Map<String, List<IdentifierKey>> newByCustomer = new LinkedHashMap<>();
        added.stream()
                .filter(presented -> policy.mergesBy(presented.key()))
                .forEach(presented -> newByCustomer
                        .computeIfAbsent(presented.customerId(), id -> new ArrayList<>())
                        .add(presented.key()));
        Set<String> decided = new HashSet<>();
        List<Outbox.Entry> entries = new ArrayList<>();
        newByCustomer.forEach((customerId, keys) -> {
            Map<String, Instant> holders = new HashMap<>();
            Set<String> reasons = new TreeSet<>();
            for (IdentifierKey key : keys) {
                List<Presented> presentedBy = identifiers.holders(batch.tenant, key);
                if (presentedBy.size() < 2) {
                    continue;
                }
                if (policy.isShared(presentedBy.size())) {
                    registry.counter(
                                    "mosaic.profile.merges.skipped",
                                    "reason",
                                    "shared-" + key.kind().wireName())
                            .increment();
                    continue;
                }
                presentedBy.forEach(p -> holders.merge(p.customerId(), p.firstSeenAt(), MergeDecisions::earlier));
                reasons.add(key.kind().wireName());
            }
            policy.decide(distinctCustomers(batch, holders))
                    .ifPresent(decision -> decision.absorbed().stream()
                            .filter(absorbed -> decided.add(decision.survivor() + "\n" + absorbed))
                            .forEach(absorbed -> entries.add(entry(PlatformEvents.merge(
                                    batch.tenant,
                                    decision.survivor(),
                                    absorbed,
                                    now,
                                    "shared " + String.join(", ", reasons))))));
        });
        outbox.add(entries);
        entries.forEach(
                entry -> registry.counter("mosaic.profile.merges.decided").increment());
    }

    /** The surviving customers behind the ids that presented an identifier, with when each was first seen. */
    private List<MergePolicy.Holder> distinctCustomers(ProfileBatch batch, Map<String, Instant> presentedBy) {
        if (presentedBy.isEmpty()) {
            return List.of();
        }
        Map<String, String> survivors = aliases.survivors(batch.tenant, presentedBy.keySet());
        Map<String, Instant> customers = new HashMap<>();
        presentedBy.forEach(
                (id, seen) -> customers.merge(survivors.getOrDefault(id, id), seen, MergeDecisions::earlier));
        Map<String, Instant> stored = profiles.firstSeen(batch.tenant, customers.keySet());
        List<MergePolicy.Holder> holders = new ArrayList<>();
        customers.forEach((id, seen) -> {
            ProfileRow working = batch.profiles.get(id);
            Instant firstSeen = working != null ? working.firstSeenAt : stored.getOrDefault(id, seen);
            holders.add(new MergePolicy.Holder(id, firstSeen));
        });
        return holders;
    }

    private Outbox.Entry entry(InteractionEvent merge) {
        return new Outbox.Entry(0, topic, merge.key(), EventJson.toBytes(merge));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
