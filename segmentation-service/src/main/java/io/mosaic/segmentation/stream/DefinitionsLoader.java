package io.mosaic.segmentation.stream;

import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of segment definitions as the compacted definitions topic says, and bumps the tenant's
 * version so that every processor compiles that tenant's segments again.
 */
final class DefinitionsLoader implements Processor<String, byte[], Void, Void> {
    private final Map<String, Long> versions;
    private KeyValueStore<String, byte[]> definitions;

    DefinitionsLoader(Map<String, Long> versions) {
        this.versions = versions;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.definitions = context.getStateStore(SegmentationTopology.DEFINITIONS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        int colon = record.key() == null ? -1 : record.key().indexOf(':');
        if (colon < 1) {
            return; // not a tenant:segmentId key: nothing a tenant's catalog could hold
        }
        if (record.value() == null) {
            definitions.delete(record.key());
        } else {
            definitions.put(record.key(), record.value());
        }
        versions.merge(record.key().substring(0, colon), 1L, Long::sum);
    }
}
