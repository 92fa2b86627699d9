package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Memberships that time alone changes (a new customer 30 days on, a window sliding past a purchase): each customer's
 * next check is indexed by time, and a wall-clock punctuation re-evaluates at most {@code maxPerTick} customers
 * that are due, so the clock moves segments without events and a tick never holds up its partition for long. A
 * customer whose re-evaluation fails is tried again after {@link #RETRY_AFTER}, without stopping the tick.
 *
 * <p>The index is kept in memory, rebuilt from the customer states ({@link CustomerState#nextCheckAt}) when the task
 * opens: it is derived data, so writing it to a changelog with every event would only cost.
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

    private final TreeMap<String, String> due = new TreeMap<>();
    private final java.util.function.Supplier<Instant> clock;

    TimeChecks(java.util.function.Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** A stored customer, as the task opens. */
    void restore(String key, CustomerState state) {
        if (state.nextCheckAt != null) {
            due.put(TimeIndex.key(state.nextCheckAt.toEpochMilli(), key), key);
        }
    }

    /** Starts looking at the clock; once per task (by the processor of the interactions). */
    void start(ProcessorContext<?, ?> context, Settings settings, Reevaluation reevaluation) {
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, tick -> {
            Instant now = clock.get();
            for (Map.Entry<String, String> entry : dueAt(now, settings.maxPerTick())) {
                due.remove(entry.getKey());
                try {
                    reevaluation.reevaluate(entry.getValue(), now);
                } catch (RuntimeException e) {
                    due.put(TimeIndex.key(now.plus(RETRY_AFTER).toEpochMilli(), entry.getValue()), entry.getValue());
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
            due.remove(TimeIndex.key(before.toEpochMilli(), key));
        }
        if (after != null) {
            due.put(TimeIndex.key(after.toEpochMilli(), key), key);
        }
    }

    private List<Map.Entry<String, String>> dueAt(Instant now, int max) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (Map.Entry<String, String> entry :
                due.headMap(TimeIndex.end(now.toEpochMilli())).entrySet()) {
            if (found.size() >= max) {
                break;
            }
            found.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return found;
    }
}
