package io.mosaic.profile.stream;

import com.fasterxml.jackson.databind.node.BooleanNode;
import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.profile.traits.TraitFacts;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What happens to one customer id's profile: events applied (traits, consent, identifiers, timeline), merges
 * handed between keys, erasure; and what is sent because of it (claims on new identifiers, handovers).
 *
 * <p>A merge moves state between keys that may live on different partitions, so it travels as
 * {@link ProfileHandover}s: the survivor asks the absorbed id to {@code MERGE}; the absorbed id keeps only a pointer
 * to the survivor and sends its state and timeline to {@code ABSORB}; its later events are passed on as
 * {@code EVENT}. Traits are last-writer-wins and identifiers keep their earliest sighting, so a merge gives the same
 * profile before or after the absorbed id's events, and chains (C into B, B into A) follow the pointers.
 */
final class ProfileUpdates {
    private final ProcessorContext<String, byte[]> context;
    private final CustomerStore customers;
    private final TimelineEntries timeline;
    private final MergePolicy policy;
    private final ProfileTopology.Listener listener;
    private final Supplier<Instant> clock;
    private final long dedupWindowMillis;

    ProfileUpdates(
            ProcessorContext<String, byte[]> context,
            ProfileTopology.Settings settings,
            CustomerStore customers,
            TimelineEntries timeline,
            Supplier<Instant> clock) {
        this.context = context;
        this.customers = customers;
        this.timeline = timeline;
        this.policy = settings.policy();
        this.listener = settings.listener();
        this.clock = clock;
        this.dedupWindowMillis = settings.dedupWindow().toMillis();
    }

    /**
     * An event for the customer under {@code key}: from the log ({@code hops} 0, deduplicated by event id within the
     * id's window), or passed on from an id merged into it.
     */
    void event(String key, InteractionEvent event, byte[] bytes, int hops) {
        String tenant = event.tenant();
        if (event.type() != EventType.CUSTOMER_ERASED
                && (customers.erasedSince(tenant, event.customerId(), event.occurredAt())
                        || hops > 0 && customers.erasedSince(tenant, customerOf(key, tenant), event.occurredAt()))) {
            return; // a replay of an erased customer's past stays erased, passed on from an alias or not
        }
        ProfileState stored = customers.get(key);
        ProfileState state = stored == null ? new ProfileState() : stored;
        if (hops == 0 && !state.seen().firstTime(event.eventId(), clock.get().toEpochMilli(), dedupWindowMillis)) {
            return; // a retry of an event already applied
        }
        if (state.isPointer()) {
            customers.put(key, state); // remembers the event id
            handOver(tenant, state.mergedInto, ProfileHandover.event(bytes, hops + 1));
            return;
        }
        String customerId = customerOf(key, tenant);
        switch (event.type()) {
            case CUSTOMER_ERASED ->
                erase(key, tenant, customerId, event.occurredAt().toEpochMilli());
            case CUSTOMER_MERGED -> {
                String absorbed = event.propertiesAs(CustomerMerged.class).mergedCustomerId();
                if (!absorbed.equals(customerId)) {
                    handOver(tenant, absorbed, ProfileHandover.merge(customerId));
                }
                if (stored != null) {
                    customers.put(key, state); // remembers the event id
                }
            }
            default -> interaction(key, tenant, customerId, state, event);
        }
    }

    /** This key's customer is the same person as {@code handover.survivor()}: everything moves there. */
    void merge(String key, String tenant, ProfileHandover handover) {
        String customerId = customerOf(key, tenant);
        ProfileState state = customers.get(key);
        if (state != null && state.isPointer()) {
            if (!state.mergedInto.equals(handover.survivor())) {
                // merged elsewhere before: that survivor and this one are the same person too
                handOver(tenant, state.mergedInto, handover.passedOn());
            }
            return;
        }
        if (customerId.equals(handover.survivor())) {
            return;
        }
        ProfileState moved = state == null ? new ProfileState() : state;
        List<TimelineEntries.Entry> entries = timeline.removeAll(key);
        customers.put(key, moved.pointerTo(handover.survivor()));
        handOver(tenant, handover.survivor(), ProfileHandover.absorb(customerId, moved, entries));
    }

    /** Adds an absorbed customer's facts and timeline to this key's customer. */
    void absorb(String key, String tenant, ProfileHandover handover) {
        ProfileState state = customers.get(key);
        if (state != null && state.isPointer()) {
            handOver(tenant, state.mergedInto, handover.passedOn());
            return;
        }
        String customerId = customerOf(key, tenant);
        ProfileState absorbed = handover.state();
        Long erasedAt = customers.erasedAt(tenant, customerId);
        if (erasedAt != null && (state == null || !state.isProfile())) {
            // no event of its own since its erasure: whatever state it has is derived data stamped later
            customers.delete(key);
            eraseAbsorbed(tenant, handover.from(), absorbed, erasedAt);
            return;
        }
        ProfileState survivor = state == null ? new ProfileState() : state;
        survivor.aliases.add(handover.from());
        survivor.aliases.addAll(absorbed.aliases);
        survivor.absorb(absorbed);
        timeline.add(key, survivor, handover.timeline());
        customers.changed(key, survivor, true);
        if (survivor.firstSeenAt != null) {
            long firstSeenAt = survivor.firstSeenAt.toEpochMilli();
            absorbed.identifiers.keySet().stream()
                    .filter(identifier -> policy.mergesBy(Identifiers.parse(identifier)))
                    .forEach(identifier ->
                            claim(Claim.key(tenant, identifier), Claim.move(handover.from(), customerId, firstSeenAt)));
        }
    }

    /**
     * The survivor was erased while the merge was on its way (its erasure did not know the absorbed id yet): the
     * absorbed id and everything merged into it go with it, so nothing of the erased person comes back. A survivor
     * that is not a profile still counts as erased: in a replay, segmentation may publish its summary after the
     * erasure, stamped with segmentation's clock, and that must not give the merge a living survivor.
     */
    private void eraseAbsorbed(String tenant, String from, ProfileState absorbed, long erasedAt) {
        List<String> ids = new ArrayList<>(absorbed.aliases);
        ids.add(from);
        ids.forEach(id -> handOver(tenant, id, ProfileHandover.erase(erasedAt)));
        absorbed.identifiers.keySet().stream()
                .filter(identifier -> policy.mergesBy(Identifiers.parse(identifier)))
                .forEach(identifier -> claim(Claim.key(tenant, identifier), Claim.release(ids)));
    }

    /** An id merged into an erased customer is erased with it. */
    void eraseAlias(String key, String tenant, ProfileHandover handover) {
        erase(key, tenant, customerOf(key, tenant), handover.erasedAt());
    }

    private void interaction(String key, String tenant, String customerId, ProfileState state, InteractionEvent event) {
        boolean wasProfile = state.isProfile();
        Instant at = event.occurredAt();
        state.seenAt(at);
        TraitFacts.of(event).forEach((field, value) -> state.traits.set(field, value, at, event.eventId()));
        if (event.properties() instanceof ConsentUpdated consent) {
            state.consent.set(
                    consent.purpose().name().toLowerCase(Locale.ROOT),
                    BooleanNode.valueOf(consent.granted()),
                    at,
                    event.eventId());
        }
        List<IdentifierKey> claimed = new ArrayList<>();
        boolean lookupsChanged = !wasProfile;
        for (IdentifierKey identifier : IdentifierKey.of(event.identifiers())) {
            if (policy.isBlocked(identifier)) {
                listener.blockedIdentifier(identifier.kind());
                continue;
            }
            Instant first = state.identifiers.get(Identifiers.stored(identifier));
            if (first == null) {
                state.identifiers.put(Identifiers.stored(identifier), at);
                lookupsChanged = true;
                if (policy.mergesBy(identifier)) {
                    claimed.add(identifier);
                }
            } else if (at.isBefore(first)) {
                state.identifiers.put(Identifiers.stored(identifier), at);
            }
        }
        timeline.add(key, state, List.of(TimelineEntries.entryOf(event)));
        customers.changed(key, state, lookupsChanged);
        long firstSeenAt = state.firstSeenAt.toEpochMilli();
        claimed.forEach(identifier ->
                claim(Claim.key(tenant, identifier), Claim.claim(event.customerId(), customerId, firstSeenAt)));
    }

    private void erase(String key, String tenant, String customerId, long at) {
        customers.markErased(tenant, customerId, at);
        ProfileState state = customers.get(key);
        if (state == null) {
            return;
        }
        if (!state.isPointer()) {
            state.aliases.forEach(alias -> handOver(tenant, alias, ProfileHandover.erase(at)));
            List<String> ids = new ArrayList<>(state.aliases);
            ids.add(customerId);
            state.identifiers.keySet().stream()
                    .filter(identifier -> policy.mergesBy(Identifiers.parse(identifier)))
                    .forEach(identifier -> claim(Claim.key(tenant, identifier), Claim.release(ids)));
            timeline.removeAll(key);
        }
        customers.delete(key);
    }

    private void claim(String claimKey, Claim claim) {
        context.forward(
                new Record<>(claimKey, bytes(claim), context.currentSystemTimeMs()), ProfileTopology.CLAIMS_OUT);
    }

    private void handOver(String tenant, String customerId, ProfileHandover handover) {
        if (handover.hops() > ProfileHandover.MAX_HOPS) {
            throw new IllegalStateException(
                    "a merge was passed on " + ProfileHandover.MAX_HOPS + " times: the merges form a cycle");
        }
        context.forward(
                new Record<>(InteractionEvent.key(tenant, customerId), bytes(handover), context.currentSystemTimeMs()),
                ProfileTopology.HANDOVERS_OUT);
    }

    private static byte[] bytes(Object message) {
        try {
            return SmileSerde.mapper().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The customer id of a record key ({@code tenant:customerId}; a tenant holds no colon). */
    static String customerOf(String key, String tenant) {
        return key.substring(tenant.length() + 1);
    }
}
