package io.mosaic.segmentation.stream;

import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.segments.OutputPayloads;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What happens to one customer's state, for both processors: events applied, merges handed over between keys,
 * consent and erasure; and what is forwarded because of it (segment changes, behavior, handovers).
 *
 * <p>A merge moves state between keys that may live on different partitions, so it travels as {@link Handover}s:
 * the survivor asks the absorbed key to {@code MERGE}; the absorbed key leaves its segments, keeps only a pointer to
 * the survivor and sends its state to {@code ABSORB}; later events of the absorbed id are passed on as {@code EVENT}.
 * Aggregates add up whatever the order, so a merge gives the same result before or after the absorbed customer's
 * events, and chains (C into B, B into A) follow the pointers.
 */
final class CustomerUpdates {
    private final ProcessorContext<String, byte[]> context;
    private final TenantSegments segments;
    private final CustomerStates states;
    private final KeyValueStore<String, Long> erasures;
    private final TimeChecks timeChecks;
    private final Reevaluator reevaluator;
    private final java.util.function.Supplier<Instant> clock;
    private long recordedAt;

    CustomerUpdates(
            ProcessorContext<String, byte[]> context,
            TenantSegments segments,
            CustomerStates states,
            RfmSketch rfm,
            java.util.function.Supplier<Instant> clock) {
        this.context = context;
        this.clock = clock;
        this.segments = segments;
        this.states = states;
        this.erasures = context.getStateStore(SegmentationTopology.ERASURES);
        this.timeChecks = new TimeChecks(clock);
        this.reevaluator = new Reevaluator(context, segments, states, timeChecks, rfm, clock);
    }

    /** A stored customer, as the task opens: indexed for its next time check. */
    void restore(String key, CustomerState state) {
        timeChecks.restore(key, state);
    }

    void startTimeChecks(ProcessorContext<?, ?> context, TimeChecks.Settings settings) {
        timeChecks.start(context, settings, this::reevaluateForTime);
    }

    /** A customer whose next check has come: the segments time can change, re-evaluated now. */
    private void reevaluateForTime(String key, Instant now) {
        reevaluate(key, states.get(key), catalog -> catalog.timeDependent(), "time");
    }

    /** A customer of a tenant whose segments or RFM cuts changed: every segment, re-evaluated now. */
    void reevaluateForBackfill(String key, CustomerState state, String cause) {
        reevaluate(key, state, SegmentCatalog::all, cause);
    }

    private void reevaluate(
            String key,
            CustomerState state,
            java.util.function.Function<SegmentCatalog, List<SegmentDefinition>> which,
            String cause) {
        if (state == null || state.mergedInto != null || (state.consent != null && !state.consent.granted())) {
            return;
        }
        String tenant = key.substring(0, key.indexOf(':'));
        SegmentCatalog catalog = segments.catalog(tenant);
        reevaluator.evaluate(key, tenant, customerOf(key, tenant), state, catalog, which.apply(catalog), cause);
    }

    Instant now() {
        return clock.get();
    }

    /** The log timestamp of the record being applied. */
    void recordedAt(long timestamp) {
        this.recordedAt = timestamp;
    }

    /**
     * An event for the customer under {@code key}: from the log, or passed on from an id merged into it; it counts
     * for the event conditions in {@code counted} (null: every one of the catalog).
     */
    void event(String key, InteractionEvent event, byte[] bytes, int hops, java.util.Set<String> counted) {
        if (event.type() != EventType.CUSTOMER_ERASED
                && (erasedSince(event.tenant(), event.customerId(), event.occurredAt())
                        || hops > 0
                                && erasedSince(event.tenant(), customerOf(key, event.tenant()), event.occurredAt()))) {
            return; // a replay of an erased customer's past stays erased, passed on from an alias or not
        }
        CustomerState state = states.get(key);
        if (state != null && state.mergedInto != null) {
            handOver(event.tenant(), state.mergedInto, Handover.event(bytes, hops + 1, counted));
            return;
        }
        String customerId = customerOf(key, event.tenant());
        switch (event.type()) {
            case CUSTOMER_ERASED ->
                erase(key, event.tenant(), customerId, event.occurredAt().toEpochMilli());
            case CONSENT_UPDATED -> consent(key, event, state);
            case CUSTOMER_MERGED -> {
                String absorbed = event.propertiesAs(CustomerMerged.class).mergedCustomerId();
                if (!absorbed.equals(customerId)) {
                    handOver(event.tenant(), absorbed, Handover.merge(customerId));
                }
            }
            default -> interaction(key, event, customerId, state, counted);
        }
    }

    /** This key's customer is the same person as {@code handover.survivor()}: move everything there. */
    void merge(String key, String tenant, Handover handover) {
        String customerId = customerOf(key, tenant);
        CustomerState state = states.get(key);
        if (state != null && state.mergedInto != null) {
            if (!state.mergedInto.equals(handover.survivor())) {
                // merged elsewhere before: that survivor and this one are the same person too
                handOver(tenant, state.mergedInto, handover.passedOn());
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
        handOver(tenant, handover.survivor(), Handover.absorb(customerId, moved));
    }

    /** Adds an absorbed customer's state to this key's customer, and re-evaluates every segment. */
    void absorb(String key, String tenant, Handover handover) {
        CustomerState state = states.get(key);
        if (state != null && state.mergedInto != null) {
            handOver(tenant, state.mergedInto, handover.passedOn());
            return;
        }
        Long erasedAt = erasures.get(CustomerHash.of(tenant, customerOf(key, tenant)));
        if (state == null && erasedAt != null) {
            // erased while the merge was on its way (the erasure did not know this id yet): it goes with it
            handOver(tenant, handover.from(), Handover.erase(erasedAt));
            handover.state().aliases.forEach(alias -> handOver(tenant, alias, Handover.erase(erasedAt)));
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
        SegmentCatalog catalog = segments.catalog(tenant);
        reevaluator.evaluate(key, tenant, customerOf(key, tenant), survivor, catalog, catalog.all(), "merge");
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
            handOver(
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
            var mine = state.aggregate.conditions.computeIfAbsent(signature, s -> new java.util.TreeMap<>());
            days.forEach((day, counter) -> mine.merge(day, counter, io.mosaic.segmentation.behavior.Counter::plus));
        });
        states.put(key, state);
        return true;
    }

    /** Counts passed on from an absorbed id's replay: added, and the survivor's segments evaluated again. */
    void countHandedOver(String key, String tenant, Handover handover) {
        if (count(key, tenant, handover.state(), handover.recordedAt(), handover.hops())) {
            reevaluateForBackfill(key, states.get(key), "backfill");
        }
    }

    /** An id merged into an erased customer is erased with it. */
    void eraseAlias(String key, String tenant, Handover handover) {
        erase(key, tenant, customerOf(key, tenant), handover.erasedAt());
    }

    private void interaction(
            String key,
            InteractionEvent event,
            String customerId,
            CustomerState stored,
            java.util.Set<String> counted) {
        CustomerState state = stored == null ? new CustomerState() : stored;
        if (state.consent != null && !state.consent.granted()) {
            return; // profiling withdrawn: nothing is learnt until it is granted again
        }
        SegmentCatalog catalog = segments.catalog(event.tenant());
        state.aggregate.apply(
                event,
                counted == null
                        ? catalog.eventFilters()
                        : catalog.eventFilters().stream()
                                .filter(filter -> counted.contains(filter.signature()))
                                .toList());
        Collection<SegmentDefinition> affected = catalog.affectedBy(event.type());
        reevaluator.evaluate(
                key,
                event.tenant(),
                customerId,
                state,
                catalog,
                affected,
                "event:" + event.type().wireName());
    }

    private void consent(String key, InteractionEvent event, CustomerState state) {
        ConsentUpdated update = event.propertiesAs(ConsentUpdated.class);
        if (update.purpose() != ConsentUpdated.Purpose.PROFILING) {
            return;
        }
        CustomerState.Consent decision =
                new CustomerState.Consent(update.granted(), event.occurredAt(), event.eventId());
        if (state != null && state.consent != null && !decision.isLaterThan(state.consent)) {
            return;
        }
        CustomerState next = state == null ? new CustomerState() : state;
        if (!update.granted()) {
            if (state != null) {
                reevaluator.leaveEverything(key, event.tenant(), customerOf(key, event.tenant()), state, "consent");
            }
            CustomerState withdrawn = new CustomerState();
            withdrawn.aliases = next.aliases;
            withdrawn.seen = next.seen;
            withdrawn.countsFrom = recordedAt;
            next = withdrawn;
        }
        next.consent = decision;
        states.put(key, next);
    }

    private void erase(String key, String tenant, String customerId, long at) {
        String marker = CustomerHash.of(tenant, customerId);
        Long erasedAt = erasures.get(marker);
        erasures.put(marker, erasedAt == null ? at : Math.max(erasedAt, at));
        CustomerState state = states.get(key);
        if (state == null) {
            return;
        }
        state.aliases.forEach(alias -> handOver(tenant, alias, Handover.erase(at)));
        if (state.mergedInto == null) {
            reevaluator.leaveEverything(key, tenant, customerId, state, "erasure");
        }
        states.delete(key);
    }

    private boolean erasedSince(String tenant, String customerId, Instant at) {
        Long erasedAt = erasures.get(CustomerHash.of(tenant, customerId));
        return erasedAt != null && at.toEpochMilli() <= erasedAt;
    }

    private void handOver(String tenant, String customerId, Handover handover) {
        if (handover.hops() > Handover.MAX_HOPS) {
            throw new IllegalStateException(
                    "a merge was passed on " + Handover.MAX_HOPS + " times: the merges form a cycle");
        }
        context.forward(
                new Record<>(
                        InteractionEvent.key(tenant, customerId),
                        OutputPayloads.jsonBytes(handover),
                        context.currentSystemTimeMs()),
                SegmentationTopology.HANDOVERS);
    }

    /** The customer id of a record key ({@code tenant:customerId}; a tenant holds no colon). */
    static String customerOf(String key, String tenant) {
        return key.substring(tenant.length() + 1);
    }
}
