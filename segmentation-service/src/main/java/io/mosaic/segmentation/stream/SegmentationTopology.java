package io.mosaic.segmentation.stream;

import io.mosaic.streams.RecentEventIds;
import io.mosaic.streams.SmileSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Segmentation as a Kafka Streams topology: {@code mosaic.interactions} in, keyed by tenant and customer; customer
 * state (with its dedup window) and erasure markers in RocksDB stores with changelogs (the time-check index and the RFM
 * histograms are derived from the customer states in memory when a task opens); segment
 * changes, behavior summaries and dead letters out. Merges move state between keys through the handover topic,
 * which is partitioned like the interactions (same key, same count) and read back by the task that owns the
 * target key; a wall-clock punctuation moves segments that time alone changes.
 *
 * <p>Each tenant's segments come from the compacted definitions topic, read into a global store
 * ({@link DefinedSegments}), so a rebuild from the log restores custom segments too.
 *
 * When they change, the tenant's stored customers are re-evaluated in the background ({@link Backfills}). Each task
 * publishes its share of every tenant's RFM histogram ({@link RfmSketch}) to a compacted topic, read back into a
 * second global store whose merged histograms give the tenant's quintile cuts; when those move, the tenant's buyers
 * are re-scored in the background, at the same bounded rate.
 *
 * A new segment's event conditions are counted over the history before it by a replay of the partition up to
 * where the task began counting them live ({@link ConditionReplays}).
 *
 * <p>The service runs it with the Quarkus Kafka Streams extension ({@code io.mosaic.segmentation.app}); the API
 * reads the global stores and the customer store (interactive queries), and {@code MembershipSink} copies the segment
 * changes into PostgreSQL for members and sizes.
 */
public final class SegmentationTopology {
    static final String SOURCE = "interactions";
    static final String PROCESSOR = "customers";
    static final String HANDOVER_SOURCE = "handovers-in";
    static final String HANDOVERS = "handovers-out";
    static final String SEGMENT_CHANGES = "segment-changes";
    /**
     * Each customer's latest behavior record. Cached: a customer changed by several events between two commits gets
     * one changelog record per commit, and that changelog is the published behavior topic ({@link #behaviorTopic}).
     */
    static final String BEHAVIOR = "customer-behavior";

    static final String DLQ = "dead-letters";
    static final String RFM_HISTOGRAMS = "rfm-histograms-out";
    static final String CUSTOMER_STATES = "customer-states";
    static final String ERASURES = "erasures";
    static final String BACKFILL_JOBS = "backfill-jobs";
    static final String COUNTED_SIGNATURES = "counted-signatures";
    static final String CONDITION_REPLAYS = "condition-replays";
    static final String REPLAY_SEEN = "replay-seen";
    /** The global store of segment definitions ({@link TenantDefinitions} reads it). */
    public static final String DEFINITIONS = "segment-definitions";

    static final String RFM_HISTOGRAM_TABLE = "rfm-histograms";
    static final String PROGRESS = "progress-out";
    /** The global store of every task's progress reports, for {@link SegmentStatus}. */
    public static final String PROGRESS_TABLE = "segmentation-progress";

    /**
     * How long event ids are remembered, how often the clock is looked at, how often RFM histograms are shared,
     * how replays read, and where "now" comes from (null: the stream's wall-clock time; tests pass a clock they move).
     */
    public record Settings(
            RecentEventIds.Settings dedup,
            TimeChecks.Settings time,
            Backfills.Settings backfill,
            java.time.Duration rfmPublishEvery,
            ConditionReplays.Settings replay,
            java.time.Clock clock) {
        public static final Settings DEFAULT = new Settings(
                RecentEventIds.Settings.DEFAULT,
                TimeChecks.Settings.DEFAULT,
                Backfills.Settings.DEFAULT,
                java.time.Duration.ofSeconds(5),
                ConditionReplays.Settings.DEFAULT,
                null);

        /**
         * The service's settings: how long event ids are remembered, how often due customers are looked for, at
         * most how often a tenant's buyers are re-scored when its RFM cuts move, how many customers a second the
         * instance re-evaluates in the background, and the clock "now" comes from.
         */
        public static Settings of(
                java.time.Duration dedupWindow,
                java.time.Duration timeCheckEvery,
                java.time.Duration rfmEvery,
                int backfillPerSecond,
                java.time.Clock clock) {
            return new Settings(
                    new RecentEventIds.Settings(dedupWindow),
                    new TimeChecks.Settings(timeCheckEvery, DEFAULT.time().maxPerTick()),
                    Backfills.Settings.perSecond(backfillPerSecond, rfmEvery),
                    DEFAULT.rfmPublishEvery(),
                    new ConditionReplays.Settings(
                            DEFAULT.replay().maxPerTick(),
                            dedupWindow,
                            DEFAULT.replay().reader()),
                    clock);
        }

        /** The same settings, with "now" read from {@code clock} instead of the stream's wall-clock time. */
        public Settings withClock(java.time.Clock clock) {
            return new Settings(dedup, time, backfill, rfmPublishEvery, replay, clock);
        }
    }

    /** The topics it reads and writes. */
    public record Topics(
            String interactions,
            String segmentDefinitions,
            String handovers,
            String rfmHistograms,
            String progress,
            String segmentChanges,
            String customerBehavior,
            String deadLetters) {

        /**
         * Topics named after their role plus {@code -suffix}: one set per test or benchmark run, whose application
         * id is {@code segmentation-suffix} (the behavior topic is named after it).
         */
        public static Topics suffixed(String suffix) {
            return new Topics(
                    "interactions-" + suffix,
                    "definitions-" + suffix,
                    "handovers-" + suffix,
                    "rfm-" + suffix,
                    "progress-" + suffix,
                    "changes-" + suffix,
                    behaviorTopic("segmentation-" + suffix),
                    "dlq-" + suffix);
        }

        /**
         * The topics to create: the handovers partitioned exactly like the interactions (a handover must reach the
         * task that owns its key), the outputs alike, the three tables compacted with one partition (each is read
         * whole into a global store).
         */
        public java.util.List<org.apache.kafka.clients.admin.NewTopic> toCreate(int partitions, short replication) {
            java.util.List<org.apache.kafka.clients.admin.NewTopic> topics = new java.util.ArrayList<>();
            for (String keyed : java.util.List.of(interactions, handovers, segmentChanges)) {
                topics.add(new org.apache.kafka.clients.admin.NewTopic(keyed, partitions, replication));
            }
            topics.add(new org.apache.kafka.clients.admin.NewTopic(customerBehavior, partitions, replication)
                    .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new org.apache.kafka.clients.admin.NewTopic(deadLetters, 1, replication));
            for (String table : java.util.List.of(segmentDefinitions, rfmHistograms, progress)) {
                topics.add(new org.apache.kafka.clients.admin.NewTopic(table, 1, replication)
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            return topics;
        }
    }

    private SegmentationTopology() {}

    /**
     * The topic the behavior summaries are published on: the changelog of the {@link #BEHAVIOR} store, as Kafka
     * Streams names it for this application id.
     */
    public static String behaviorTopic(String applicationId) {
        return applicationId + "-" + BEHAVIOR + "-changelog";
    }

    public static Topology build(Topics topics, Settings settings) {
        Topology topology = new Topology();
        TableVersions versions = new TableVersions();
        BackgroundShare background = new BackgroundShare(settings.backfill().maxPerTick());
        addGlobalTable(topology, DEFINITIONS, topics.segmentDefinitions(), versions.definitions);
        addGlobalTable(topology, RFM_HISTOGRAM_TABLE, topics.rfmHistograms(), versions.rfmHistograms);
        addGlobalTable(topology, PROGRESS_TABLE, topics.progress(), new java.util.concurrent.ConcurrentHashMap<>());
        topology.addSource(
                SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.interactions());
        topology.addSource(
                HANDOVER_SOURCE,
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                topics.handovers());
        topology.addProcessor(
                PROCESSOR,
                () -> new CustomerProcessor(settings, versions, background, topics),
                SOURCE,
                HANDOVER_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CUSTOMER_STATES), Serdes.String(), CustomerStateSerde.serde()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ERASURES), Serdes.String(), Serdes.Long()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(BEHAVIOR), Serdes.String(), Serdes.ByteArray())
                        .withCachingEnabled(),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(BACKFILL_JOBS),
                        Serdes.String(),
                        SmileSerde.of(Backfills.Job.class)),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(COUNTED_SIGNATURES),
                        Serdes.String(),
                        SmileSerde.of(ConditionReplays.Counted.class)),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CONDITION_REPLAYS),
                        Serdes.String(),
                        SmileSerde.of(ConditionReplays.Replay.class)),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(REPLAY_SEEN), Serdes.String(), Serdes.Long()),
                PROCESSOR);
        for (String[] sink : new String[][] {
            {HANDOVERS, topics.handovers()},
            {SEGMENT_CHANGES, topics.segmentChanges()},
            {DLQ, topics.deadLetters()},
            {RFM_HISTOGRAMS, topics.rfmHistograms()},
            {PROGRESS, topics.progress()}
        }) {
            topology.addSink(
                    sink[0],
                    sink[1],
                    Serdes.String().serializer(),
                    Serdes.ByteArray().serializer(),
                    PROCESSOR);
        }
        return topology;
    }

    /** A global store filled from a compacted topic, which is its changelog. */
    private static void addGlobalTable(Topology topology, String store, String topic, Map<String, Long> versions) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                store + "-in",
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                topic,
                store + "-loader",
                () -> new GlobalTableLoader(store, versions));
    }
}
