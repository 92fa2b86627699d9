package io.mosaic.segmentation.stream;

import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.segments.SegmentCatalog;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The customer side of a merge, which moves state between keys that may live on different partitions: the
 * absorbed key, told {@code MERGE}, leaves its segments, keeps only a pointer to the survivor and sends its state
 * to {@code ABSORB}; counts a replay found for an absorbed id follow the pointer ({@code COUNT}). Aggregates add up
 * whatever the order, so a merge gives the same result before or after the absorbed customer's events, and chains
 * (C into B, B into A) follow the pointers.
 */
final class CustomerMerges {
    private final TenantSegments segments;
    private final CustomerStates states;
    private final KeyValueStore<String, Long> erasures;
    private final Reevaluator reevaluator;
    private final Handovers handovers;

    CustomerMerges(
            TenantSegments segments,
            CustomerStates states,
            KeyValueStore<String, Long> erasures,
            Reevaluator reevaluator,
            Handovers handovers) {
        this.segments = segments;
        this.states = states;
        this.erasures = erasures;
        this.reevaluator = reevaluator;
        this.handovers = handovers;
    }

    /** This key's customer is the same person as {@code handover.survivor()}: move everything there. */
    void merge(String key, String tenant, Handover handover) {
        String customerId = CustomerUpdates.customerOf(key, tenant);
        CustomerState state = states.get(key);
        if (state != null && state.mergedInto != null) {
            if (!state.mergedInto.equals(handover.survivor())) {
                // merged elsewhere before: that survivor and this one are the same person too
                handovers.send(tenant, state.mergedInto, handover.passedOn());
            }
            return;
        }
        CustomerState moved = state == null ? new CustomerState() : state;
        if (state != null) {
            reevaluator.leaveEverything(key, tenant, customerId, state, "merge");
        }
        CustomerState pointer = new CustomerState();
        pointer.mergedInto = handover.survivor();
        pointer.seen = moved.seen; // its ids' later copies still arrive here
        states.put(key, pointer);
        handovers.send(tenant, handover.survivor(), Handover.absorb(customerId, moved));
    }

    /** Adds an absorbed customer's state to this key's customer, and re-evaluates every segment. */
    void absorb(String key, String tenant, Handover handover) {
        CustomerState state = states.get(key);
        if (state != null && state.mergedInto != null) {
            handovers.send(tenant, state.mergedInto, handover.passedOn());
            return;
        }
        Long erasedAt = erasures.get(CustomerHash.of(tenant, CustomerUpdates.customerOf(key, tenant)));
        if (state == null && erasedAt != null) {
            // erased while the merge was on its way (the erasure did not know this id yet): it goes with it
            handovers.send(tenant, handover.from(), Handover.erase(erasedAt));
            handover.state().aliases.forEach(alias -> handovers.send(tenant, alias, Handover.erase(erasedAt)));
            return;
        }
        CustomerState survivor = state == null ? new CustomerState() : state;
        survivor.aliases.add(handover.from());
        survivor.aliases.addAll(handover.state().aliases);
        if (survivor.consent != null && !survivor.consent.granted()) {
            states.put(key, survivor); // profiling withdrawn: the survivor learns nothing from the merge either
            return;
        }
        survivor.aggregate.absorb(handover.state().aggregate);
        evaluateAll(key, tenant, survivor, "merge");
    }

    /**
     * Event-condition counts a replay found for the customer of {@code key}: added where the customer's behavior
     * lives now (passed on to a survivor), unless erased, withdrawn, or cleared after the event was recorded.
     * Answers whether they were added here, so the caller re-evaluates if it must.
     */
    boolean count(String key, String tenant, CustomerState counts, long eventRecordedAt, int hops) {
        CustomerState state = states.get(key);
        if (state == null) {
            return false; // erased, or nothing that was ever counted
        }
        if (state.mergedInto != null) {
            handovers.send(
                    tenant,
                    state.mergedInto,
                    new Handover(Handover.Kind.COUNT, hops + 1, null, null, null, counts, null, null, eventRecordedAt));
            return false;
        }
        if ((state.consent != null && !state.consent.granted())
                || (state.countsFrom != null && eventRecordedAt <= state.countsFrom)) {
            return false;
        }
        counts.aggregate.conditions.forEach((signature, days) -> {
            var mine = state.aggregate.conditions.computeIfAbsent(signature, s -> new TreeMap<>());
            days.forEach((day, counter) -> mine.merge(day, counter, Counter::plus));
        });
        states.put(key, state);
        return true;
    }

    /** Counts passed on from an absorbed id's replay: added, and the survivor's segments evaluated again. */
    void countHandedOver(String key, String tenant, Handover handover) {
        if (count(key, tenant, handover.state(), handover.recordedAt(), handover.hops())) {
            evaluateAll(key, tenant, states.get(key), "backfill");
        }
    }

    private void evaluateAll(String key, String tenant, CustomerState state, String cause) {
        SegmentCatalog catalog = segments.catalog(tenant);
        reevaluator.evaluate(
                key, tenant, CustomerUpdates.customerOf(key, tenant), state, catalog, catalog.all(), cause);
    }
}
