package io.mosaic.segmentation.stream;

import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store keyed {@code tenant:...} as its compacted topic says, and bumps the tenant's version so that
 * processors derive what they keep of it again. A restore after a restart fills the store without this processor,
 * so a version map starts empty: its readers treat an unseen tenant as version 0 and look at every stored tenant
 * once on start ({@link Backfills}).
 */
final class GlobalTableLoader implements Processor<String, byte[], Void, Void> {
    private final String storeName;
    private final Map<String, Long> versions;
    private KeyValueStore<String, byte[]> store;

    GlobalTableLoader(String storeName, Map<String, Long> versions) {
        this.storeName = storeName;
        this.versions = versions;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        int colon = record.key() == null ? -1 : record.key().indexOf(':');
        if (colon < 1) {
            return; // not a tenant-prefixed key: nothing of any tenant
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        versions.merge(record.key().substring(0, colon), 1L, Long::sum);
    }
}
