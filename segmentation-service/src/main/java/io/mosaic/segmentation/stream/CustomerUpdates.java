package io.mosaic.segmentation.stream;

import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What happens to one customer's state: events applied, consent and erasure, re-evaluations for time and
 * backfills; and what is forwarded because of it (segment changes, behavior, handovers). A {@code customer.merged}
 * event asks the absorbed key to {@code MERGE} ({@link CustomerMerges} does the rest); later events of an absorbed
 * id are passed on to its survivor as {@code EVENT}.
 */
final class CustomerUpdates {
    private final TenantSegments segments;
    private final CustomerStates states;
    private final KeyValueStore<String, Long> erasures;
    private final TimeChecks timeChecks;
    private final Reevaluator reevaluator;
    private final java.util.function.Supplier<Instant> clock;
    private final Handovers handovers;
    private final CustomerMerges merges;
    private long recordedAt;

    CustomerUpdates(
            ProcessorContext<String, byte[]> context,
            TenantSegments segments,
            CustomerStates states,
            RfmSketch rfm,
            java.util.function.Supplier<Instant> clock) {
        this.clock = clock;
        this.segments = segments;
        this.states = states;
        this.erasures = context.getStateStore(SegmentationTopology.ERASURES);
        this.timeChecks = new TimeChecks(clock);
        this.reevaluator = new Reevaluator(context, segments, states, timeChecks, rfm, clock);
        this.handovers = new Handovers(context);
        this.merges = new CustomerMerges(segments, states, erasures, reevaluator, handovers);
    }

    /** The merge side of these customers: what {@code MERGE}, {@code ABSORB} and {@code COUNT} handovers do. */
    CustomerMerges merges() {
        return merges;
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
            handovers.send(event.tenant(), state.mergedInto, Handover.event(bytes, hops + 1, counted));
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
                    handovers.send(event.tenant(), absorbed, Handover.merge(customerId));
                }
            }
            default -> interaction(key, event, customerId, state, counted);
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
        state.aliases.forEach(alias -> handovers.send(tenant, alias, Handover.erase(at)));
        if (state.mergedInto == null) {
            reevaluator.leaveEverything(key, tenant, customerId, state, "erasure");
        }
        states.delete(key);
    }

    private boolean erasedSince(String tenant, String customerId, Instant at) {
        Long erasedAt = erasures.get(CustomerHash.of(tenant, customerId));
        return erasedAt != null && at.toEpochMilli() <= erasedAt;
    }

    /** The customer id of a record key ({@code tenant:customerId}; a tenant holds no colon). */
    static String customerOf(String key, String tenant) {
        return key.substring(tenant.length() + 1);
    }
}
