package io.mosaic.profile.service;

import com.fasterxml.jackson.databind.node.BooleanNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.persistence.IdentifierStore.Presented;
import io.mosaic.profile.persistence.ProfileRow;
import io.mosaic.profile.persistence.TimelineStore;
import io.mosaic.profile.traits.TraitFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's events of one consumed batch, applied in order inside the batch's transaction: traits, consent,
 * timeline and identifiers of each customer, merges and erasures as they come. What it learnt is written by
 * {@link ProfileWriter} at the end.
 */
final class ProfileBatch {
    final String tenant;
    final Map<String, ProfileRow> profiles;
    final Set<String> changed = new HashSet<>();
    final Set<String> removed = new HashSet<>();
    final List<TimelineStore.Entry> timeline = new ArrayList<>();
    final Map<Presented, Boolean> identifiers = new LinkedHashMap<>();
    private final ProfileWriter writer;
    private final Map<String, String> survivors;
    private final Map<String, Instant> erasures;

    ProfileBatch(String tenant, List<InteractionEvent> events, ProfileWriter writer) {
        this.tenant = tenant;
        this.writer = writer;
        Set<String> ids = new HashSet<>();
        events.forEach(event -> {
            ids.add(event.customerId());
            if (event.properties() instanceof CustomerMerged merged) {
                ids.add(merged.mergedCustomerId());
            }
        });
        this.survivors = new HashMap<>(writer.aliases().survivors(tenant, ids));
        this.erasures = new HashMap<>(
                writer.erased().erasures(tenant, ids.stream().map(this::hash).toList()));
        Set<String> resolved = new HashSet<>(ids);
        resolved.addAll(survivors.values());
        this.profiles = new HashMap<>(writer.profiles().lock(tenant, resolved));
    }

    void apply(InteractionEvent event) {
        switch (event.type()) {
            case CUSTOMER_ERASED -> erase(event);
            case CUSTOMER_MERGED -> merge(event);
            default -> interaction(event);
        }
    }

    String resolve(String customerId) {
        return survivors.getOrDefault(customerId, customerId);
    }

    private void interaction(InteractionEvent event) {
        if (isErased(event.customerId(), event.occurredAt())) {
            return; // a replay of an erased customer's past stays erased
        }
        String id = resolve(event.customerId());
        ProfileRow profile = profiles.computeIfAbsent(id, key -> ProfileRow.firstSeen(key, event.occurredAt()));
        removed.remove(id);
        profile.seenAt(event.occurredAt());
        TraitFacts.of(event)
                .forEach((field, value) -> profile.traits.set(field, value, event.occurredAt(), event.eventId()));
        if (event.properties() instanceof ConsentUpdated consent) {
            profile.consent.set(
                    consent.purpose().name().toLowerCase(Locale.ROOT),
                    BooleanNode.valueOf(consent.granted()),
                    event.occurredAt(),
                    event.eventId());
        }
        timeline.add(new TimelineStore.Entry(
                id,
                event.occurredAt(),
                event.eventId(),
                event.customerId(),
                event.type().wireName(),
                event.channel() == null ? null : event.channel().name().toLowerCase(Locale.ROOT),
                event.source(),
                EventJson.mapper().valueToTree(event.properties()).toString()));
        for (IdentifierKey key : IdentifierKey.of(event.identifiers())) {
            if (writer.policy().isBlocked(key)) {
                writer.blockedIdentifier(key);
            } else {
                identifiers.putIfAbsent(new Presented(key, event.customerId(), event.occurredAt()), true);
            }
        }
        changed.add(id);
    }

    private void merge(InteractionEvent event) {
        String absorbedId = event.propertiesAs(CustomerMerged.class).mergedCustomerId();
        if (isErased(event.customerId(), event.occurredAt()) || isErased(absorbedId, event.occurredAt())) {
            return;
        }
        String survivor = resolve(event.customerId());
        String absorbed = resolve(absorbedId);
        if (survivor.equals(absorbed)) {
            return; // already merged: merges are idempotent
        }
        ProfileRow from = profiles.remove(absorbed);
        if (from != null) {
            ProfileRow into = profiles.computeIfAbsent(survivor, key -> ProfileRow.firstSeen(key, from.firstSeenAt));
            into.absorb(from);
            removed.remove(survivor);
            changed.add(survivor);
            removed.add(absorbed);
        }
        timeline.replaceAll(entry -> entry.customerId().equals(absorbed) ? movedTo(entry, survivor) : entry);
        writer.timeline().move(tenant, absorbed, survivor);
        survivors.replaceAll((alias, target) -> target.equals(absorbed) ? survivor : target);
        survivors.put(absorbed, survivor);
        writer.aliases().merge(tenant, absorbed, survivor);
    }

    private void erase(InteractionEvent event) {
        String id = resolve(event.customerId());
        Set<String> ids = new HashSet<>(writer.aliases().aliasesOf(tenant, id));
        ids.add(id);
        ids.add(event.customerId());
        survivors.forEach((alias, survivor) -> {
            if (survivor.equals(id)) {
                ids.add(alias);
            }
        });
        for (String erased : ids) {
            erasures.merge(hash(erased), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            writer.erased().remember(tenant, hash(erased), event.occurredAt());
            writer.aliases().forget(tenant, erased);
            survivors.remove(erased);
            profiles.remove(erased);
            changed.remove(erased);
        }
        removed.addAll(ids);
        timeline.removeIf(entry -> ids.contains(entry.customerId()));
        identifiers.keySet().removeIf(presented -> ids.contains(presented.customerId()));
        writer.eraseStored(tenant, List.copyOf(ids));
    }

    private boolean isErased(String customerId, Instant occurredAt) {
        Instant erasedAt = erasures.get(hash(customerId));
        return erasedAt != null && !occurredAt.isAfter(erasedAt);
    }

    private String hash(String customerId) {
        return CustomerHash.of(tenant, customerId);
    }

    private static TimelineStore.Entry movedTo(TimelineStore.Entry entry, String survivor) {
        return new TimelineStore.Entry(
                survivor,
                entry.occurredAt(),
                entry.eventId(),
                entry.originId(),
                entry.type(),
                entry.channel(),
                entry.source(),
                entry.propertiesJson());
    }
}
