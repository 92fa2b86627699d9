package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Memberships that time alone changes (a new customer 30 days on, a window sliding past a purchase): each customer's
 * next check is indexed by time, and a wall-clock punctuation re-evaluates at most {@code maxPerTick} customers
 * that are due, so the clock moves segments without events and a tick never holds up its partition for long. A
 * customer whose re-evaluation fails is tried again after {@link #RETRY_AFTER}, without stopping the tick.
 */
final class TimeChecks {
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    /** How often the clock is looked at, and how many due customers one look re-evaluates at most. */
    record Settings(Duration tick, int maxPerTick) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(15), 1_000);
    }

    /** What a due customer's re-evaluation is. */
    interface Reevaluation {
        void reevaluate(String key, Instant now);
    }

    private final KeyValueStore<String, String> due;

    TimeChecks(ProcessorContext<?, ?> context) {
        this.due = context.getStateStore(SegmentationTopology.DUE_CHECKS);
    }

    /** Starts looking at the clock; once per task (by the processor of the interactions). */
    void start(ProcessorContext<?, ?> context, Settings settings, Reevaluation reevaluation) {
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, nowMillis -> {
            Instant now = Instant.ofEpochMilli(nowMillis);
            for (KeyValue<String, String> entry : dueAt(now, settings.maxPerTick())) {
                due.delete(entry.key);
                try {
                    reevaluation.reevaluate(entry.value, now);
                } catch (RuntimeException e) {
                    due.put(TimeIndex.key(now.plus(RETRY_AFTER).toEpochMilli(), entry.value), entry.value);
                }
            }
        });
    }

    /** Moves the customer's entry in the index from {@code before} to {@code after} (either may be null). */
    void move(String key, Instant before, Instant after) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            due.delete(TimeIndex.key(before.toEpochMilli(), key));
        }
        if (after != null) {
            due.put(TimeIndex.key(after.toEpochMilli(), key), key);
        }
    }

    private List<KeyValue<String, String>> dueAt(Instant now, int max) {
        List<KeyValue<String, String>> found = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.range(null, TimeIndex.end(now.toEpochMilli()))) {
            while (entries.hasNext() && found.size() < max) {
                found.add(entries.next());
            }
        }
        return found;
    }
}
