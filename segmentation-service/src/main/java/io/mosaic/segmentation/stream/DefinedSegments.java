package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.segmentation.behavior.RfmCuts;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A tenant's segments ({@link TenantDefinitions}, from a global store, so every task sees every tenant's) compiled
 * once per change of the tenant's definitions, with its RFM cuts merged from every partition's histogram; a
 * definition whose rule does not compile is left out, so it stops nothing else. Not thread-safe: one per processor.
 */
final class DefinedSegments implements TenantSegments {

    /** The fingerprint of a tenant without definitions: the built-in segments as they are. */
    static final String NO_DEFINITIONS = "0-0";

    private record Compiled(long version, Set<String> replaying, SegmentCatalog catalog) {}

    private final ReadOnlyKeyValueStore<String, byte[]> definitions;
    private final ReadOnlyKeyValueStore<String, byte[]> rfmHistograms;
    private final TableVersions versions;
    private final Map<String, Compiled> compiled = new java.util.HashMap<>();
    private Function<String, Set<String>> replaying = tenant -> Set.of();

    DefinedSegments(
            ReadOnlyKeyValueStore<String, byte[]> definitions,
            ReadOnlyKeyValueStore<String, byte[]> rfmHistograms,
            TableVersions versions) {
        this.definitions = definitions;
        this.rfmHistograms = rfmHistograms;
        this.versions = versions;
    }

    /** Where the signatures still being replayed on this task come from: their segments are not evaluated yet. */
    void replayingFrom(Function<String, Set<String>> replaying) {
        this.replaying = replaying;
    }

    @Override
    public SegmentCatalog catalog(String tenant) {
        long version = versions.definitions.getOrDefault(tenant, 0L);
        Set<String> waiting = replaying.apply(tenant);
        Compiled cached = compiled.get(tenant);
        if (cached == null || cached.version() != version || !cached.replaying().equals(waiting)) {
            cached = new Compiled(version, Set.copyOf(waiting), compile(tenant, waiting));
            compiled.put(tenant, cached);
        }
        return cached.catalog();
    }

    /** The histograms every partition published for the tenant, added up; merged again when one changes. */
    @Override
    public RfmCuts rfmCuts(String tenant) {
        long version = versions.rfmHistograms.getOrDefault(tenant, 0L);
        TableVersions.MergedCuts cached = versions.rfmCuts.get(tenant);
        if (cached == null || cached.version() != version) {
            cached = versions.rfmCuts.compute(
                    tenant,
                    (key, current) -> current != null && current.version() == version
                            ? current
                            : new TableVersions.MergedCuts(version, mergedCuts(rfmHistograms, tenant)));
        }
        return cached.cuts();
    }

    @Override
    public String catalogFingerprint(String tenant) {
        return fingerprint(definitions, tenant);
    }

    /** The tenant's RFM cuts: the histograms every partition published for it, added up. */
    static RfmCuts mergedCuts(ReadOnlyKeyValueStore<String, byte[]> rfmHistograms, String tenant) {
        RfmHistogram total = new RfmHistogram();
        try (KeyValueIterator<String, byte[]> parts =
                rfmHistograms.prefixScan(tenant + ":", Serdes.String().serializer())) {
            parts.forEachRemaining(part -> {
                RfmHistogram histogram = readHistogram(part.value);
                if (histogram != null) {
                    total.merge(histogram);
                }
            });
        }
        return total.cuts();
    }

    /** Changes whenever the tenant's definitions on the topic do: their count and a checksum of their records. */
    static String fingerprint(ReadOnlyKeyValueStore<String, byte[]> definitions, String tenant) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long count = 0;
        try (KeyValueIterator<String, byte[]> stored =
                definitions.prefixScan(tenant + ":", Serdes.String().serializer())) {
            while (stored.hasNext()) {
                KeyValue<String, byte[]> entry = stored.next();
                crc.update(entry.key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                crc.update(entry.value);
                count++;
            }
        }
        return count + "-" + Long.toHexString(crc.getValue());
    }

    @Override
    public java.util.Set<String> tenants() {
        java.util.Set<String> tenants = new java.util.TreeSet<>();
        for (ReadOnlyKeyValueStore<String, byte[]> store : java.util.List.of(definitions, rfmHistograms)) {
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(entry -> tenants.add(entry.key.substring(0, entry.key.indexOf(':'))));
            }
        }
        return tenants;
    }

    private SegmentCatalog compile(String tenant, Set<String> replaying) {
        Map<String, SegmentDefinition> segments = new TreeMap<>();
        TenantDefinitions.of(definitions, tenant).stream()
                .filter(listed -> listed.definition() != null)
                .forEach(listed -> segments.put(listed.id(), listed.definition()));
        Set<String> pending = new java.util.TreeSet<>();
        segments.values().forEach(segment -> {
            if (Rule.eventFilters(segment.rule()).stream().anyMatch(f -> replaying.contains(f.signature()))) {
                pending.add(segment.id());
            }
        });
        return SegmentCatalog.of(segments.values(), pending);
    }

    private static RfmHistogram readHistogram(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, RfmHistogram.class);
        } catch (IOException e) {
            return null; // an unreadable histogram counts for nothing rather than stopping every tenant's RFM
        }
    }
}
