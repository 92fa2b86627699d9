package io.mosaic.profile.stream;

import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.streams.SmileSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Profiles as a Kafka Streams topology, in two parts.
 *
 * <p>Customers, keyed by {@code tenant:customerId}: {@code mosaic.interactions}, segmentation's behavior summaries
 * and segment changes, and the profile handovers (all partitioned alike) feed one processor ({@link ProfileProcessor})
 * whose stores hold each customer's state, its latest timeline entries and erasure markers. Both the state and the
 * timeline stores cache, so a customer changed by many records between two commits reaches their changelogs once.
 * Merges move state between keys through the handover topic.
 *
 * <p>Identifiers, keyed by tenant and a digest of the identifier: every customer that presents a new email or phone
 * sends a {@link Claim} through the claims topic, so all claims on one identifier meet in one task
 * ({@link ClaimProcessor}), which decides merges and publishes them as {@code customer.merged} events.
 *
 * <p>PostgreSQL is the query side: the read model renders each changed state of the {@link #PROFILES} changelog into
 * its served document and lookup keys, and copies the {@link #TIMELINE} changelog, in batches
 * ({@code io.mosaic.profile.readmodel}).
 */
public final class ProfileTopology {
    static final String INTERACTIONS_IN = "interactions";
    static final String HANDOVERS_IN = "handovers-in";
    static final String BEHAVIOR_IN = "customer-behavior";
    static final String SEGMENT_CHANGES_IN = "segment-changes";
    static final String CLAIMS_IN = "claims-in";
    static final String CUSTOMERS = "customers";
    static final String IDENTIFIERS = "identifiers";
    static final String HANDOVERS_OUT = "handovers-out";
    static final String CLAIMS_OUT = "claims-out";
    static final String MERGES = "merges";
    static final String DLQ = "dead-letters";
    static final String DLQ_CONSUMER = "profile-service";

    /** Each customer id's state ({@link ProfileState}); the read model renders documents from its changelog. */
    public static final String PROFILES = "profiles";
    /** The latest timeline entries; the read model copies its changelog. */
    public static final String TIMELINE = "timeline";

    static final String ERASURES = "erasures";
    static final String CLAIMS = "claims";

    /** What the topology counts, for metrics. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void mergeDecided() {}

        default void sharedIdentifier(IdentifierKey.Kind kind) {}

        default void blockedIdentifier(IdentifierKey.Kind kind) {}
    }

    /**
     * The merge policy, how long event ids are remembered, how many timeline entries a customer keeps, what is
     * counted, and where "now" comes from (null: the stream's wall-clock time; tests pass a clock they move).
     */
    public record Settings(MergePolicy policy, Duration dedupWindow, int timelineMax, Listener listener, Clock clock) {}

    /** The topics it reads and writes. */
    public record Topics(
            String interactions,
            String customerBehavior,
            String segmentChanges,
            String handovers,
            String claims,
            String deadLetters) {

        /** Topics named after their role plus {@code -suffix}: one set per test or benchmark run. */
        public static Topics suffixed(String suffix) {
            return new Topics(
                    "interactions-" + suffix,
                    "behavior-" + suffix,
                    "changes-" + suffix,
                    "profile-handovers-" + suffix,
                    "profile-claims-" + suffix,
                    "dlq-" + suffix);
        }

        /** The topics to create: all partitioned alike (a handover must reach the task that owns its key). */
        public List<NewTopic> toCreate(int partitions, short replication) {
            List<NewTopic> topics = new ArrayList<>();
            for (String keyed : List.of(interactions, segmentChanges, handovers, claims)) {
                topics.add(new NewTopic(keyed, partitions, replication));
            }
            topics.add(new NewTopic(customerBehavior, partitions, replication)
                    .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic(deadLetters, 1, replication));
            return topics;
        }
    }

    private ProfileTopology() {}

    /** The changelog topic of one of the topology's stores, as Kafka Streams names it. */
    public static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    public static Topology build(Topics topics, Settings settings) {
        Topology topology = new Topology();
        var strings = Serdes.String().deserializer();
        var bytes = Serdes.ByteArray().deserializer();
        topology.addSource(INTERACTIONS_IN, strings, bytes, topics.interactions());
        topology.addSource(HANDOVERS_IN, strings, bytes, topics.handovers());
        topology.addSource(BEHAVIOR_IN, strings, bytes, topics.customerBehavior());
        topology.addSource(SEGMENT_CHANGES_IN, strings, bytes, topics.segmentChanges());
        topology.addSource(CLAIMS_IN, strings, bytes, topics.claims());
        topology.addProcessor(
                CUSTOMERS,
                () -> new ProfileProcessor(settings, topics),
                INTERACTIONS_IN,
                HANDOVERS_IN,
                BEHAVIOR_IN,
                SEGMENT_CHANGES_IN);
        topology.addProcessor(
                IDENTIFIERS,
                () -> new ClaimProcessor(settings.policy(), settings.listener(), settings.clock()),
                CLAIMS_IN);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(PROFILES), Serdes.String(), ProfileStateSerde.serde())
                        .withCachingEnabled(),
                CUSTOMERS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ERASURES), Serdes.String(), Serdes.Long()),
                CUSTOMERS);
        topology.addStateStore(
                // No record cache: each entry is written once, and cached entries would take the thread's cache
                // from the profiles store, whose changes the cache exists to merge (it evicts within a store).
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TIMELINE), Serdes.String(), Serdes.ByteArray()),
                CUSTOMERS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CLAIMS), Serdes.String(), SmileSerde.of(ClaimHolders.class)),
                IDENTIFIERS);
        var keys = Serdes.String().serializer();
        var values = Serdes.ByteArray().serializer();
        topology.addSink(HANDOVERS_OUT, topics.handovers(), keys, values, CUSTOMERS);
        topology.addSink(CLAIMS_OUT, topics.claims(), keys, values, CUSTOMERS);
        topology.addSink(MERGES, topics.interactions(), keys, values, IDENTIFIERS);
        topology.addSink(DLQ, topics.deadLetters(), keys, values, CUSTOMERS, IDENTIFIERS);
        return topology;
    }
}
