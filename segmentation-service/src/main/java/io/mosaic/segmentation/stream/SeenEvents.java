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
 * The dedup window: an event id of a tenant seen in the last {@code window} has no effect again. Each id is kept
 * twice, by id (the lookup) and by the time it was seen (for expiry), and a wall-clock punctuation deletes at most
 * {@code maxExpiredPerTick} expired ids per tick, so expiry never holds up a partition for long.
 */
final class SeenEvents {
    /** The window and how expiry is paced. */
    record Settings(Duration window, Duration tick, int maxExpiredPerTick) {
        static final Settings DEFAULT = new Settings(Duration.ofDays(7), Duration.ofMinutes(1), 10_000);
    }

    private final KeyValueStore<String, Long> byId;
    private final KeyValueStore<String, String> byTime;
    private final Settings settings;

    SeenEvents(ProcessorContext<?, ?> context, Settings settings) {
        this.byId = context.getStateStore(SegmentationTopology.SEEN_EVENTS);
        this.byTime = context.getStateStore(SegmentationTopology.SEEN_EVENTS_BY_TIME);
        this.settings = settings;
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /** Whether this is the first time the window sees the event; remembers it if so. */
    boolean firstTime(String tenant, String eventId, Instant now) {
        String id = tenant + '\u0000' + eventId;
        if (byId.get(id) != null) {
            return false;
        }
        byId.put(id, now.toEpochMilli());
        byTime.put(TimeIndex.key(now.toEpochMilli(), id), id);
        return true;
    }

    private void expire(long nowMillis) {
        String until = TimeIndex.key(nowMillis - settings.window().toMillis(), "");
        List<KeyValue<String, String>> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> oldest = byTime.range(null, until)) {
            while (oldest.hasNext() && expired.size() < settings.maxExpiredPerTick()) {
                expired.add(oldest.next());
            }
        }
        for (KeyValue<String, String> entry : expired) {
            byTime.delete(entry.key);
            byId.delete(entry.value);
        }
    }
}
