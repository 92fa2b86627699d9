package io.mosaic.segmentation.stream;

import io.mosaic.events.SegmentChange;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.segments.CustomerEvaluation;
import io.mosaic.segmentation.segments.NextCheck;
import io.mosaic.segmentation.segments.OutputPayloads;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-evaluates one customer's segments and forwards what changed: entries and exits, the behavior summary (into the
 * cached {@link SegmentationTopology#BEHAVIOR} store, whose changelog publishes it once per commit), and the next
 * time check in {@link TimeChecks}; or, for a customer who is cleared, every exit and the summary deleted (a
 * tombstone).
 */
final class Reevaluator {
    private final ProcessorContext<String, byte[]> context;
    private final TenantSegments segments;
    private final TimeChecks timeChecks;
    private final RfmSketch rfm;
    private final java.util.function.Supplier<Instant> clock;
    private final CustomerStates states;
    private final KeyValueStore<String, byte[]> behavior;

    Reevaluator(
            ProcessorContext<String, byte[]> context,
            TenantSegments segments,
            CustomerStates states,
            TimeChecks timeChecks,
            RfmSketch rfm,
            java.util.function.Supplier<Instant> clock) {
        this.context = context;
        this.clock = clock;
        this.segments = segments;
        this.timeChecks = timeChecks;
        this.rfm = rfm;
        this.states = states;
        this.behavior = context.getStateStore(SegmentationTopology.BEHAVIOR);
    }

    private Instant now() {
        return clock.get();
    }

    // Output records carry the stream's wall-clock time, while their payloads say "now" by the configured clock:
    // the broker refuses a record stamped more than an hour ahead of its own clock.

    /** Exits every segment, is no longer checked by time, and publishes no behavior any more (a tombstone). */
    void leaveEverything(String key, String tenant, String customerId, CustomerState state, String cause) {
        SegmentCatalog catalog = segments.catalog(tenant);
        Instant now = now();
        state.memberships
                .keySet()
                .forEach(segment -> forwardChange(
                        key, tenant, customerId, segment, catalog, SegmentChange.Change.EXITED, now, cause));
        timeChecks.move(key, state.nextCheckAt, null);
        rfm.rescored(tenant, state.rfm, null);
        behavior.delete(key);
    }

    void evaluate(
            String key,
            String tenant,
            String customerId,
            CustomerState state,
            SegmentCatalog catalog,
            Collection<SegmentDefinition> affected,
            String cause) {
        Instant now = now();
        state.aggregate.compact(now);
        state.aggregate.conditions.keySet().retainAll(catalog.signatures());
        CustomerEvaluation evaluation = new CustomerEvaluation(
                state.aggregate, now, segments.rfmCuts(tenant).scaleAt(now), state.memberships.keySet());
        Set<String> after = new java.util.HashSet<>(evaluation.evaluate(affected));
        for (String segment : state.memberships.keySet()) {
            if (catalog.nameOf(segment) == null) { // the segment was deleted
                after.remove(segment);
                forwardChange(
                        key, tenant, customerId, segment, catalog, SegmentChange.Change.EXITED, now, "segment-deleted");
            }
        }
        TreeMap<String, Instant> memberships = new TreeMap<>();
        for (String segment : after) {
            Instant since = state.memberships.get(segment);
            if (since == null) {
                forwardChange(key, tenant, customerId, segment, catalog, SegmentChange.Change.ENTERED, now, cause);
            }
            memberships.put(segment, since == null ? now : since);
        }
        for (String segment : state.memberships.keySet()) {
            if (!after.contains(segment) && catalog.nameOf(segment) != null) {
                forwardChange(key, tenant, customerId, segment, catalog, SegmentChange.Change.EXITED, now, cause);
            }
        }
        state.memberships = memberships;
        Instant next = NextCheck.of(state.aggregate, catalog, now);
        timeChecks.move(key, state.nextCheckAt, next);
        state.nextCheckAt = next;
        RfmHistogram.Contribution inputs = RfmHistogram.Contribution.of(
                state.aggregate.lastPurchaseAt, evaluation.summary().rfm(), now);
        rfm.rescored(tenant, state.rfm, inputs);
        state.rfm = inputs;
        byte[] summary = io.mosaic.segmentation.behavior.BehaviorJson.of(evaluation.summary());
        long published = fingerprint(summary);
        boolean changed = published != state.behaviorFingerprint;
        state.behaviorFingerprint = published;
        states.put(key, state);
        if (changed) { // a backfill or a time check that moves nothing in the summary writes no behavior record
            behavior.put(key, OutputPayloads.behavior(tenant, customerId, now, summary));
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * A 64-bit hash of the summary's JSON, eight bytes a step (FNV-1a's multiplier, then a final mix): equal
     * summaries, equal fingerprints.
     */
    static long fingerprint(byte[] json) {
        long hash = 0xcbf29ce484222325L ^ json.length;
        int i = 0;
        for (; i + 8 <= json.length; i += 8) {
            hash = (hash ^ (long) LONGS.get(json, i)) * 0x100000001b3L;
            hash ^= hash >>> 29;
        }
        for (; i < json.length; i++) {
            hash = (hash ^ (json[i] & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 32;
        return hash == 0 ? 1 : hash; // 0 means "nothing published yet"
    }

    private void forwardChange(
            String key,
            String tenant,
            String customerId,
            String segment,
            SegmentCatalog catalog,
            SegmentChange.Change change,
            Instant now,
            String cause) {
        SegmentChange record =
                new SegmentChange(tenant, customerId, segment, catalog.nameOf(segment), change, now, cause);
        context.forward(
                new Record<>(key, OutputPayloads.change(record), context.currentSystemTimeMs()),
                SegmentationTopology.SEGMENT_CHANGES);
    }
}
