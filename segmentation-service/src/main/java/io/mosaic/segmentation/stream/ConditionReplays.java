package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.rules.EventFilter;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.streams.RecentEventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Event conditions of a new segment, exact over history. A task counts a tenant's new condition signature live from
 * the first offset of its partition it processes with it (or, idle, from where it stands: {@code liveFrom}), and
 * reads the partition from its beginning up to that offset in the background, at most {@code maxPerTick} records a
 * tick, adding what matches to the customers the events belong to now: an absorbed id's counts go to its survivor
 * ({@link Handover.Kind#COUNT}), an erased customer's and history cleared by a consent withdrawal are left out, and
 * an event id counts once within the dedup window. Until its replay is done, a segment that uses the condition is
 * not evaluated on this task (status {@code replaying}); then the tenant's customers here are backfilled. The
 * replay's place, and which signatures count live, are in stores with changelogs, so a restart resumes exactly.
 *
 * <p>Each event is decided once, by its home partition: live at or after {@code liveFrom}, by the replay before it.
 * An event passed on to a survivor carries the signatures its home counted it for.
 */
final class ConditionReplays {
    /**
     * How many records one tick reads at most (by default 1,000 per fifth of a second, the backfill's tick), the
     * dedup window replays apply, and how they read.
     */
    record Settings(int maxPerTick, Duration dedupWindow, ReplayReader.Factory reader) {
        static final Settings DEFAULT =
                new Settings(1_000, RecentEventIds.Settings.DEFAULT.window(), ReplayReader.KAFKA);
    }

    /** One signature's replay on this task: up to which offset, and from where it reads next. */
    record Replay(String tenant, String signature, long liveFrom, long cursor, long counted) {}

    /** The signatures a tenant's events count for on this task. */
    record Counted(TreeSet<String> signatures) {}

    /** What happens to a customer's counts that a replay found. */
    interface Sink {
        /** Adds the counts to the customer of {@code key} (or passes them on); answers nothing. */
        void add(String key, String signature, long day, Counter counter, long recordedAt);

        /** A tenant's replays on this task are done: its customers here are evaluated again. */
        void finished(String tenant);
    }

    private final ProcessorContext<?, ?> context;
    private final TenantSegments segments;
    private final TableVersions versions;
    private final Settings settings;
    private final String topic;
    private final KeyValueStore<String, Counted> counted;
    private final KeyValueStore<String, Replay> replays;
    private final ReplayCounting counting;
    private final Map<String, Long> seenVersions = new HashMap<>();
    private final Progress progress;
    private final Sink sink;
    /** Mirrors of the stores, so that the per-event questions cost no store read. */
    private final Map<String, Set<String>> countedCache = new HashMap<>();

    private final Map<String, Set<String>> replayingCache = new HashMap<>();
    private ReplayReader reader;
    private long nextOffset = -1;
    private boolean started;

    ConditionReplays(
            ProcessorContext<?, ?> context,
            TenantSegments segments,
            TableVersions versions,
            Settings settings,
            String topic,
            Progress progress,
            Sink sink) {
        this.context = context;
        this.progress = progress;
        this.segments = segments;
        this.versions = versions;
        this.settings = settings;
        this.topic = topic;
        this.counted = context.getStateStore(SegmentationTopology.COUNTED_SIGNATURES);
        this.replays = context.getStateStore(SegmentationTopology.CONDITION_REPLAYS);
        this.counting = new ReplayCounting(context, settings.dedupWindow());
        try (KeyValueIterator<String, Replay> all = replays.all()) {
            all.forEachRemaining(entry -> replayingCache
                    .computeIfAbsent(entry.value.tenant(), t -> new TreeSet<>())
                    .add(entry.value.signature()));
        }
        this.sink = sink;
    }

    /** One background step: notes definitions that changed, then replays a bounded number of records. */
    void tick() {
        observeChanged();
        run(sink);
    }

    /** The interactions record at {@code offset} is being processed: the boundary for signatures new from now. */
    void processing(long offset) {
        nextOffset = offset;
    }

    /** Done with the record being processed. */
    void processed(long offset) {
        nextOffset = offset + 1;
    }

    /**
     * The signatures the tenant's events count for from here on: the catalog's, with a replay started for each one
     * this task did not count before, from the current offset.
     */
    Set<String> countedFor(String tenant, SegmentCatalog catalog) {
        Set<String> now = catalog.signatures();
        Set<String> cached = countedCache.get(tenant);
        if (cached != null && cached.equals(now)) {
            return now;
        }
        Counted before = counted.get(tenant);
        if (before != null && before.signatures().equals(now)) {
            countedCache.put(tenant, now);
            return now;
        }
        TreeSet<String> known = before == null ? new TreeSet<>() : before.signatures();
        long boundary = -1;
        for (String signature : now) {
            if (!known.contains(signature) && before != null) { // no counted set: no event of it was here yet
                if (boundary < 0) {
                    boundary = nextOffset >= 0 ? nextOffset : reader().committed(topic, partition());
                }
                replays.put(key(tenant, signature), new Replay(tenant, signature, boundary, 0, 0));
                replayingCache.computeIfAbsent(tenant, t -> new TreeSet<>()).add(signature);
                progress.changed(tenant);
            }
        }
        for (String signature : known) {
            if (!now.contains(signature)) {
                forget(tenant, signature);
            }
        }
        counted.put(tenant, new Counted(new TreeSet<>(now)));
        countedCache.put(tenant, now);
        return now;
    }

    /** Signatures of the tenant whose replay on this task is not done: their segments wait. */
    Set<String> replaying(String tenant) {
        return replayingCache.getOrDefault(tenant, Set.of());
    }

    private void observeChanged() {
        Set<String> tenants = new TreeSet<>();
        if (!started) {
            started = true;
            tenants.addAll(segments.tenants());
        }
        versions.definitions.forEach((tenant, version) -> {
            if (!version.equals(seenVersions.put(tenant, version))) {
                tenants.add(tenant);
            }
        });
        tenants.forEach(tenant -> countedFor(tenant, segments.catalog(tenant)));
    }

    private void run(Sink sink) {
        List<KeyValue<String, Replay>> active = new ArrayList<>();
        try (KeyValueIterator<String, Replay> all = replays.all()) {
            all.forEachRemaining(active::add);
        }
        int budget = settings.maxPerTick();
        for (KeyValue<String, Replay> entry : active) {
            if (budget <= 0) {
                return;
            }
            Replay replay = entry.value;
            Optional<EventFilter> filter = segments.catalog(replay.tenant()).eventFilters().stream()
                    .filter(candidate -> candidate.signature().equals(replay.signature()))
                    .findFirst();
            if (filter.isEmpty()) {
                forget(replay.tenant(), replay.signature());
                continue;
            }
            ReplayReader.Batch batch = reader().read(topic, partition(), replay.cursor(), replay.liveFrom(), budget);
            budget -= Math.max(1, batch.entries().size());
            long matched = 0;
            for (ReplayReader.Entry record : batch.entries()) {
                matched += counting.count(replay, filter.get(), record, sink) ? 1 : 0;
            }
            if (batch.next() >= replay.liveFrom()) {
                forget(replay.tenant(), replay.signature());
                if (replaying(replay.tenant()).isEmpty()) {
                    sink.finished(replay.tenant());
                }
            } else {
                replays.put(
                        entry.key,
                        new Replay(
                                replay.tenant(),
                                replay.signature(),
                                replay.liveFrom(),
                                batch.next(),
                                replay.counted() + matched));
            }
        }
    }

    private void forget(String tenant, String signature) {
        String key = key(tenant, signature);
        replays.delete(key);
        Set<String> waiting = replayingCache.get(tenant);
        if (waiting != null && waiting.remove(signature) && waiting.isEmpty()) {
            replayingCache.remove(tenant);
        }
        progress.changed(tenant);
        counting.forget(tenant, signature);
    }

    private ReplayReader reader() {
        if (reader == null) {
            reader = settings.reader().open(context.appConfigs());
        }
        return reader;
    }

    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private int partition() {
        return context.taskId().partition();
    }

    static String key(String tenant, String signature) {
        return tenant + '\u0000' + signature;
    }
}
