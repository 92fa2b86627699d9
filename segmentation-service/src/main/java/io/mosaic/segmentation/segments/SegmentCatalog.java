package io.mosaic.segmentation.segments;

import io.mosaic.events.EventType;
import io.mosaic.events.FieldError;
import io.mosaic.segmentation.rules.EventFilter;
import io.mosaic.segmentation.rules.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's segments, compiled: ordered so that a segment comes after those it references, and indexed by the
 * event types that can change each one, so an event evaluates only the segments it can change.
 */
public final class SegmentCatalog {
    private final List<SegmentDefinition> ordered;
    private final Map<EventType, List<SegmentDefinition>> byEventType = new EnumMap<>(EventType.class);
    /** What one event of a type re-evaluates, in evaluation order: asked for every event, so built up front. */
    private final Map<EventType, List<SegmentDefinition>> affectedByOneType = new EnumMap<>(EventType.class);

    private final List<SegmentDefinition> timeDependent = new ArrayList<>();
    private final List<EventFilter> eventFilters;
    private final Set<String> signatures;
    private final Map<String, String> names = new HashMap<>();

    private SegmentCatalog(List<SegmentDefinition> all, Set<String> pending) {
        all.forEach(segment -> names.put(segment.id(), segment.name()));
        Map<String, EventFilter> filters = new TreeMap<>();
        all.forEach(segment -> Rule.eventFilters(segment.rule()).forEach(f -> filters.put(f.signature(), f)));
        this.eventFilters = List.copyOf(filters.values());
        this.signatures = Set.copyOf(filters.keySet());
        List<SegmentDefinition> ordered =
                all.stream().filter(s -> !pending.contains(s.id())).toList();
        this.ordered = List.copyOf(ordered);
        Map<String, Set<EventType>> types = new TreeMap<>();
        Map<String, Boolean> time = new TreeMap<>();
        for (SegmentDefinition segment : ordered) {
            Set<EventType> affected = new HashSet<>(Rule.affectedBy(segment.rule()));
            boolean byTime = Rule.timeDependent(segment.rule());
            for (String reference : Rule.referencedSegments(segment.rule())) {
                affected.addAll(types.getOrDefault(reference, Set.of()));
                byTime |= time.getOrDefault(reference, false);
            }
            types.put(segment.id(), affected);
            time.put(segment.id(), byTime);
            affected.forEach(type ->
                    byEventType.computeIfAbsent(type, t -> new ArrayList<>()).add(segment));
            if (byTime) {
                timeDependent.add(segment);
            }
        }
        for (EventType type : EventType.values()) {
            affectedByOneType.put(type, affectedBy(EnumSet.of(type), false));
        }
    }

    /** Compiles segments whose references were checked with {@link #referenceErrors} when they were saved. */
    public static SegmentCatalog of(Collection<SegmentDefinition> segments) {
        return of(segments, Set.of());
    }

    /**
     * As {@link #of(Collection)}, with segments that wait for older events to be replayed: their event
     * conditions count already, but they are not evaluated until the replay is complete.
     */
    public static SegmentCatalog of(Collection<SegmentDefinition> segments, Set<String> pending) {
        Map<String, SegmentDefinition> byId = new LinkedHashMap<>();
        new TreeMap<String, SegmentDefinition>(toMap(segments)).forEach(byId::put);
        List<SegmentDefinition> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        byId.keySet().forEach(id -> place(id, byId, placed, new HashSet<>(), ordered));
        return new SegmentCatalog(ordered, pending);
    }

    private static Map<String, SegmentDefinition> toMap(Collection<SegmentDefinition> segments) {
        Map<String, SegmentDefinition> map = new TreeMap<>();
        segments.forEach(segment -> map.put(segment.id(), segment));
        return map;
    }

    private static void place(
            String id,
            Map<String, SegmentDefinition> byId,
            Set<String> placed,
            Set<String> visiting,
            List<SegmentDefinition> ordered) {
        SegmentDefinition segment = byId.get(id);
        if (segment == null || placed.contains(id) || !visiting.add(id)) {
            return;
        }
        Rule.referencedSegments(segment.rule()).forEach(ref -> place(ref, byId, placed, visiting, ordered));
        placed.add(id);
        ordered.add(segment);
    }

    /**
     * Faults of the references of {@code candidate} among {@code others}: unknown segments, and cycles
     * ({@code a} uses {@code b} uses {@code a}).
     */
    public static List<FieldError> referenceErrors(SegmentDefinition candidate, Collection<SegmentDefinition> others) {
        Map<String, SegmentDefinition> byId = toMap(others);
        byId.put(candidate.id(), candidate);
        List<FieldError> errors = new ArrayList<>();
        for (String reference : Rule.referencedSegments(candidate.rule())) {
            if (!byId.containsKey(reference)) {
                errors.add(new FieldError("rule", "references unknown segment '" + reference + "'"));
            } else if (reaches(reference, candidate.id(), byId, new HashSet<>())) {
                errors.add(new FieldError(
                        "rule",
                        "segment '" + reference + "' leads back to '" + candidate.id()
                                + "': references must not form a cycle"));
            }
        }
        return errors;
    }

    private static boolean reaches(String from, String target, Map<String, SegmentDefinition> byId, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        SegmentDefinition segment = byId.get(from);
        if (segment == null || !seen.add(from)) {
            return false;
        }
        return Rule.referencedSegments(segment.rule()).stream().anyMatch(next -> reaches(next, target, byId, seen));
    }

    /** The segment's name, or null for a segment that no longer exists. */
    public String nameOf(String id) {
        return names.get(id);
    }

    public List<SegmentDefinition> all() {
        return ordered;
    }

    /** The segments an event of this type can change, in evaluation order. */
    public List<SegmentDefinition> affectedBy(EventType type) {
        return affectedByOneType.get(type);
    }

    /** The segments that events of these types, or the passing of time, can change; in evaluation order. */
    public List<SegmentDefinition> affectedBy(Set<EventType> types, boolean timePassed) {
        Set<SegmentDefinition> affected = new HashSet<>();
        types.forEach(type -> affected.addAll(byEventType.getOrDefault(type, List.of())));
        if (timePassed) {
            affected.addAll(timeDependent);
        }
        return ordered.stream().filter(affected::contains).toList();
    }

    public List<SegmentDefinition> timeDependent() {
        return timeDependent;
    }

    public Set<String> signatures() {
        return signatures;
    }

    /** The event conditions to count, those of pending segments included. */
    public List<EventFilter> eventFilters() {
        return eventFilters;
    }
}
