package io.mosaic.segmentation.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.segments.BuiltInSegments;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A tenant's segments as the definitions topic says (read into a global store, so every task sees every tenant's):
 * the built-in segments, replaced by a definition of the same id or removed by a {@code deleted} one, plus the
 * tenant's own. Compiled once per change of the tenant's definitions; a definition whose rule does not compile is
 * skipped, so it stops nothing else. Not thread-safe: one per processor.
 */
final class DefinedSegments implements TenantSegments {
    /** One record of the definitions topic, keyed {@code tenant:segmentId}; a tombstone removes the definition. */
    public record Definition(String id, String name, String description, JsonNode rule, boolean deleted) {}

    private record Compiled(long version, SegmentCatalog catalog) {}

    private final ReadOnlyKeyValueStore<String, byte[]> definitions;
    private final Map<String, Long> versions;
    private final Map<String, Compiled> compiled = new java.util.HashMap<>();

    /**
     * @param versions bumped per tenant by the global store's processor whenever a definition of the tenant
     *     changes: the signal to compile again
     */
    DefinedSegments(ReadOnlyKeyValueStore<String, byte[]> definitions, Map<String, Long> versions) {
        this.definitions = definitions;
        this.versions = versions;
    }

    /** The version counters the global store's processor bumps, shared by every processor of this topology. */
    static Map<String, Long> newVersions() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public SegmentCatalog catalog(String tenant) {
        long version = versions.getOrDefault(tenant, 0L);
        Compiled cached = compiled.get(tenant);
        if (cached == null || cached.version() != version) {
            cached = new Compiled(version, compile(tenant));
            compiled.put(tenant, cached);
        }
        return cached.catalog();
    }

    @Override
    public RfmScale rfmScale(String tenant) {
        return RfmScale.NONE; // RFM cuts from sketches come with a later step
    }

    private SegmentCatalog compile(String tenant) {
        Map<String, SegmentDefinition> segments = new TreeMap<>();
        BuiltInSegments.ALL.forEach(segment -> segments.put(segment.id(), segment));
        try (KeyValueIterator<String, byte[]> stored =
                definitions.prefixScan(tenant + ":", Serdes.String().serializer())) {
            while (stored.hasNext()) {
                KeyValue<String, byte[]> entry = stored.next();
                Definition definition = read(entry.value);
                if (definition == null) {
                    continue;
                }
                if (definition.deleted()) {
                    segments.remove(definition.id());
                    continue;
                }
                SegmentDefinition segment = SegmentDefinition.stored(
                        definition.id(), definition.name(), definition.description(), definition.rule());
                if (segment.failure() == null) {
                    segments.put(segment.id(), segment);
                }
            }
        }
        return SegmentCatalog.of(segments.values());
    }

    private static Definition read(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, Definition.class);
        } catch (IOException e) {
            return null; // an unreadable definition is skipped, as one whose rule does not compile
        }
    }
}
