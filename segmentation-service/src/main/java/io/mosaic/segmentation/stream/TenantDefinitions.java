package io.mosaic.segmentation.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.segmentation.rules.EventFilter;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.segments.BuiltInSegments;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A tenant's segments as the compacted definitions topic says (read from its global store): the built-in segments,
 * replaced by a definition of the same id or removed by a {@code deleted} one, plus the tenant's own. The one reading
 * of that topic, for the topology's catalog and for the API's listing: a definition whose rule no longer compiles is
 * listed as failed with its reason and left out of the catalog; an unreadable record is skipped.
 */
public final class TenantDefinitions {
    /** One record of the definitions topic, keyed {@code tenant:segmentId}; a tombstone removes the definition. */
    public record Definition(
            String id,
            String name,
            String description,
            JsonNode rule,
            boolean deleted,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * A segment of the tenant: {@code definition} compiled (null when its rule does not compile, {@code failure} says
     * why), whether it is a built-in one, and when it was defined (null for a built-in one never changed).
     */
    public record Listed(
            String id,
            String name,
            String description,
            JsonNode rule,
            SegmentDefinition definition,
            String failure,
            boolean builtIn,
            Instant createdAt,
            Instant updatedAt) {
        /** The signatures of its event conditions (none when it does not compile). */
        public Set<String> signatures() {
            return definition == null
                    ? Set.of()
                    : Rule.eventFilters(definition.rule()).stream()
                            .map(EventFilter::signature)
                            .collect(Collectors.toSet());
        }
    }

    private TenantDefinitions() {}

    /** The tenant's segments, by id. */
    public static List<Listed> of(ReadOnlyKeyValueStore<String, byte[]> definitions, String tenant) {
        Map<String, Listed> segments = new TreeMap<>();
        BuiltInSegments.ALL.forEach(segment -> segments.put(
                segment.id(),
                new Listed(
                        segment.id(),
                        segment.name(),
                        segment.description(),
                        segment.ruleJson(),
                        segment,
                        null,
                        true,
                        null,
                        null)));
        try (KeyValueIterator<String, byte[]> stored =
                definitions.prefixScan(tenant + ":", Serdes.String().serializer())) {
            while (stored.hasNext()) {
                KeyValue<String, byte[]> entry = stored.next();
                Definition definition = read(entry.value);
                if (definition == null || definition.id() == null) {
                    continue;
                }
                if (definition.deleted()) {
                    segments.remove(definition.id());
                    continue;
                }
                SegmentDefinition compiled = SegmentDefinition.stored(
                        definition.id(), definition.name(), definition.description(), definition.rule());
                segments.put(
                        definition.id(),
                        new Listed(
                                definition.id(),
                                definition.name(),
                                definition.description(),
                                definition.rule(),
                                compiled.failure() == null ? compiled : null,
                                compiled.failure(),
                                BuiltInSegments.ALL.stream().anyMatch(s -> s.id().equals(definition.id())),
                                definition.createdAt(),
                                definition.updatedAt()));
            }
        }
        return new ArrayList<>(segments.values());
    }

    private static Definition read(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, Definition.class);
        } catch (IOException e) {
            return null; // an unreadable definition is skipped, as one whose rule does not compile
        }
    }
}
