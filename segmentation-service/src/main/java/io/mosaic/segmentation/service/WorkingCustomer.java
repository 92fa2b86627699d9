package io.mosaic.segmentation.service;

import io.mosaic.events.EventType;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One customer while a transaction changes them: the aggregate, the memberships, and what happened to them. */
public final class WorkingCustomer {
    public enum Fate {
        /** Re-evaluate and save. */
        KEPT,
        /** Merged into another customer, erased, or profiling withdrawn: state deleted, every segment exited. */
        REMOVED
    }

    final String customerId;
    CustomerAggregate aggregate;
    final Map<String, Instant> memberships;
    final Set<EventType> eventTypes = EnumSet.noneOf(EventType.class);
    /** Segments to re-evaluate whatever the event types say (a merge, a backfill, time). */
    List<SegmentDefinition> alsoEvaluate = List.of();

    boolean evaluateAll;
    Fate fate = Fate.KEPT;
    String cause;
    boolean behaviorChanged;

    WorkingCustomer(String customerId, CustomerAggregate aggregate, Map<String, Instant> memberships) {
        this.customerId = customerId;
        this.aggregate = aggregate == null ? new CustomerAggregate() : aggregate;
        this.memberships = new TreeMap<>(memberships == null ? Map.of() : memberships);
    }

    void remove(String why) {
        fate = Fate.REMOVED;
        cause = why;
    }

    void changedBy(EventType type) {
        eventTypes.add(type);
        behaviorChanged = true;
        if (cause == null) {
            cause = "event:" + type.wireName();
        }
    }
}
