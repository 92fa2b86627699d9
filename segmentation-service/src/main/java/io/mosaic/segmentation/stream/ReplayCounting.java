package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.rules.EventFilter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Whether a record a replay reads counts for its signature: the tenant's, well formed, matching the condition, the
 * first of its event id within the dedup window, and not of a customer erased after the event. The ids a replay
 * counted are kept in a store with a changelog until the replay is forgotten.
 */
final class ReplayCounting {
    private final KeyValueStore<String, Long> seen;
    private final KeyValueStore<String, Long> erasures;
    private final Duration dedupWindow;

    ReplayCounting(ProcessorContext<?, ?> context, Duration dedupWindow) {
        this.seen = context.getStateStore(SegmentationTopology.REPLAY_SEEN);
        this.erasures = context.getStateStore(SegmentationTopology.ERASURES);
        this.dedupWindow = dedupWindow;
    }

    /** Hands the record's count to {@code sink} if it counts; answers whether it did. */
    boolean count(
            ConditionReplays.Replay replay, EventFilter filter, ReplayReader.Entry record, ConditionReplays.Sink sink) {
        if (record.key() == null || !record.key().startsWith(replay.tenant() + ":")) {
            return false;
        }
        InteractionEvent event;
        try {
            event = EventJson.fromBytes(record.value());
        } catch (EventJson.MalformedEventException e) {
            return false; // the live path sent it to the DLQ
        }
        Optional<BigDecimal> value = filter.match(event);
        if (value.isEmpty() || !firstInWindow(replay, event.eventId(), record.timestamp())) {
            return false;
        }
        Long erasedAt = erasures.get(CustomerHash.of(event.tenant(), event.customerId()));
        if (erasedAt != null && event.occurredAt().toEpochMilli() <= erasedAt) {
            return false;
        }
        sink.add(
                record.key(),
                replay.signature(),
                CustomerAggregate.epochDay(event.occurredAt()),
                new Counter(1, value.get()),
                record.timestamp());
        return true;
    }

    /** The replay of {@code tenant}'s {@code signature} is done or dropped: the ids it counted are let go. */
    void forget(String tenant, String signature) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, Long> range =
                seen.prefixScan(prefix(tenant, signature), Serdes.String().serializer())) {
            range.forEachRemaining(entry -> ids.add(entry.key));
        }
        ids.forEach(seen::delete);
    }

    private boolean firstInWindow(ConditionReplays.Replay replay, String eventId, long timestamp) {
        String seenKey = prefix(replay.tenant(), replay.signature()) + eventId;
        Long seenAt = seen.get(seenKey);
        if (seenAt != null && timestamp - seenAt < dedupWindow.toMillis()) {
            return false;
        }
        seen.put(seenKey, timestamp);
        return true;
    }

    private static String prefix(String tenant, String signature) {
        return ConditionReplays.key(tenant, signature) + '\u0000';
    }
}
