package io.mosaic.segmentation.stream;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's customer store, counting its customers per tenant as it goes (for backfill progress): counted once by
 * the task's opening scan, then a key read as absent and then written is a new customer, a deleted one is gone.
 * Every write of this topology reads its key first, so nothing else is needed to notice a new key.
 */
final class CustomerStates {
    private final KeyValueStore<String, CustomerState> store;
    private final Map<String, Long> counts = new HashMap<>();
    private final Set<String> readAsAbsent = new HashSet<>();

    CustomerStates(KeyValueStore<String, CustomerState> store) {
        this.store = store;
    }

    /** A stored customer, as the task opens. */
    void restore(String key) {
        counts.merge(tenantOf(key), 1L, Long::sum);
    }

    CustomerState get(String key) {
        CustomerState state = store.get(key);
        if (state == null) {
            readAsAbsent.add(key);
        }
        return state;
    }

    void put(String key, CustomerState state) {
        if (readAsAbsent.remove(key)) {
            counts.merge(tenantOf(key), 1L, Long::sum);
        }
        store.put(key, state);
    }

    void delete(String key) {
        if (!readAsAbsent.remove(key)) {
            counts.merge(tenantOf(key), -1L, (a, b) -> Math.max(0, a + b));
        }
        store.delete(key);
    }

    /** Forgets the keys read as absent but never written (the record that read them is done). */
    void recordDone() {
        readAsAbsent.clear();
    }

    long count(String tenant) {
        return counts.getOrDefault(tenant, 0L);
    }

    private static String tenantOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }
}
