package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The dedup window: an event id of a tenant seen in the last {@code window} has no effect again. The ids live in a
 * window store, segmented by time: one write per event, and expiry costs nothing per id, since whole segments older
 * than the window are dropped (an id is kept between one and one and a half windows; a lookup only ever sees the
 * last window).
 */
final class SeenEvents {
    /** How long an event id is remembered. */
    record Settings(Duration window) {
        static final Settings DEFAULT = new Settings(Duration.ofDays(7));
    }

    private final WindowStore<String, Long> seen;
    private final Settings settings;

    SeenEvents(ProcessorContext<?, ?> context, Settings settings) {
        this.seen = context.getStateStore(SegmentationTopology.SEEN_EVENTS);
        this.settings = settings;
    }

    /** Whether this is the first time the window sees the event; remembers it if so. */
    boolean firstTime(String tenant, String eventId, Instant now) {
        String id = tenant + '\u0000' + eventId;
        long at = now.toEpochMilli();
        try (WindowStoreIterator<Long> earlier =
                seen.fetch(id, at - settings.window().toMillis(), at)) {
            if (earlier.hasNext()) {
                return false;
            }
        }
        seen.put(id, at, at);
        return true;
    }
}
