package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When a tenant's segment definitions change, every customer of that tenant this task holds is re-evaluated
 * against the whole catalog (a new segment filled, a changed one corrected, a deleted one left), at most
 * {@code maxPerTick} customers per wall-clock tick, so a backfill never holds up the partition's events for long.
 * A change during a backfill starts it over.
 *
 * <p>Kept in memory: a backfill in flight when the instance stops, or a change made while it was down, is not
 * resumed; those customers catch up with their next event or time check (a persisted job store comes next).
 */
final class Backfills {
    /** How often the definitions are looked at, and how many customers one look re-evaluates at most. */
    record Settings(Duration tick, int maxPerTick) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), 500);
    }

    /** What re-evaluating one customer is. */
    interface Reevaluation {
        void reevaluate(String key, Instant now);
    }

    private final KeyValueStore<String, CustomerState> states;
    private final Map<String, Long> versions;
    private final Map<String, Long> seen = new HashMap<>();
    /** Tenant to the last key re-evaluated (the tenant's prefix before the first). */
    private final Map<String, String> cursors = new LinkedHashMap<>();

    Backfills(
            ProcessorContext<?, ?> context, Map<String, Long> versions, Settings settings, Reevaluation reevaluation) {
        this.states = context.getStateStore(SegmentationTopology.CUSTOMER_STATES);
        this.versions = versions;
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, nowMillis -> {
            startChanged();
            Instant now = Instant.ofEpochMilli(nowMillis);
            int budget = settings.maxPerTick();
            for (Iterator<Map.Entry<String, String>> jobs = cursors.entrySet().iterator();
                    jobs.hasNext() && budget > 0; ) {
                Map.Entry<String, String> job = jobs.next();
                int requested = budget;
                List<String> keys = next(job.getKey(), job.getValue(), requested);
                keys.forEach(key -> reevaluation.reevaluate(key, now));
                budget -= keys.size();
                if (keys.size() < requested) {
                    jobs.remove(); // the tenant's customers are all done
                } else {
                    job.setValue(keys.get(keys.size() - 1));
                }
            }
        });
    }

    private void startChanged() {
        versions.forEach((tenant, version) -> {
            if (!version.equals(seen.put(tenant, version))) {
                cursors.put(tenant, tenant + ":");
            }
        });
    }

    /** Up to {@code max} keys of the tenant's customers after {@code after}, in key order. */
    private List<String> next(String tenant, String after, int max) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, CustomerState> range = states.range(after, tenant + ";")) {
            while (range.hasNext() && keys.size() < max) {
                String key = range.next().key;
                if (!key.equals(after)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
