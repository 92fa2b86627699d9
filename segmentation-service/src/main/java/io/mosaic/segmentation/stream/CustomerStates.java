package io.mosaic.segmentation.stream;

import io.mosaic.streams.RecentEventIds;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's customer store, counting its customers per tenant as it goes (for backfill progress): counted once by
 * the task's opening scan, then a key read as absent and then written is a new customer, a deleted one is gone.
 * Every write of this topology reads its key first, so nothing else is needed to notice a new key.
 *
 * <p>It also keeps each customer's dedup window ({@link RecentEventIds}) in the customer's state: {@link #firstTime}
 * remembers the record's event id, and whatever state the record then writes for its key carries the ids; a record
 * that writes nothing for an existing customer has the ids written at its end. While a record is applied, its key's
 * state is read from the store once.
 */
final class CustomerStates {
    private final KeyValueStore<String, CustomerState> store;
    private final long dedupWindowMillis;
    private final Map<String, Long> counts = new HashMap<>();
    private final Set<String> readAsAbsent = new HashSet<>();
    private boolean inRecord;
    private String recordKey;
    private CustomerState recordState;
    private RecentEventIds recordIds;
    private boolean recordWritten;

    CustomerStates(KeyValueStore<String, CustomerState> store, java.time.Duration dedupWindow) {
        this.store = store;
        this.dedupWindowMillis = dedupWindow.toMillis();
    }

    void recordStarted() {
        inRecord = true;
    }

    /**
     * Whether the event id is new for this customer within the dedup window; if so it is remembered with whatever
     * the record writes for the key.
     */
    boolean firstTime(String key, String eventId, long now) {
        CustomerState state = get(key);
        RecentEventIds ids = state == null ? new RecentEventIds() : state.seen;
        if (!ids.firstTime(eventId, now, dedupWindowMillis)) {
            return false;
        }
        recordIds = ids;
        recordWritten = false;
        return true;
    }

    /** A stored customer, as the task opens. */
    void restore(String key) {
        counts.merge(tenantOf(key), 1L, Long::sum);
    }

    CustomerState get(String key) {
        if (inRecord && key.equals(recordKey)) {
            return recordState;
        }
        CustomerState state = store.get(key);
        if (state == null) {
            readAsAbsent.add(key);
        }
        if (inRecord && recordKey == null) {
            recordKey = key;
            recordState = state;
        }
        return state;
    }

    void put(String key, CustomerState state) {
        if (readAsAbsent.remove(key)) {
            counts.merge(tenantOf(key), 1L, Long::sum);
        }
        if (key.equals(recordKey)) {
            recordState = state;
            if (recordIds != null) {
                state.seen = recordIds;
                recordWritten = true;
            }
        }
        store.put(key, state);
    }

    void delete(String key) {
        if (!readAsAbsent.remove(key)) {
            counts.merge(tenantOf(key), -1L, (a, b) -> Math.max(0, a + b));
        }
        if (key.equals(recordKey)) {
            recordState = null;
            recordWritten = true; // an erased customer's ids go with it; its erasure marker stops replays
        }
        store.delete(key);
    }

    /**
     * The record is applied: an existing customer it wrote nothing for still remembers the event id, and the keys
     * read as absent but never written are forgotten. {@code applied} false: the record failed (bound for the DLQ),
     * and what it changed in memory is dropped, not written.
     */
    void recordDone(boolean applied) {
        if (applied && recordIds != null && !recordWritten && recordState != null) {
            recordState.seen = recordIds;
            store.put(recordKey, recordState);
        }
        inRecord = false;
        recordKey = null;
        recordState = null;
        recordIds = null;
        readAsAbsent.clear();
    }

    long count(String tenant) {
        return counts.getOrDefault(tenant, 0L);
    }

    private static String tenantOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }
}
