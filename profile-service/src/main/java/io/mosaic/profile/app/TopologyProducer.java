package io.mosaic.profile.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.profile.ProfileConfig;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.profile.stream.ProfileTopology;
import io.mosaic.streams.ReplaceFailedThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** Gives the Quarkus Kafka Streams extension the profile topology, and what to do when a stream thread dies. */
@ApplicationScoped
public class TopologyProducer {
    @Produces
    @Singleton // not a client proxy: Kafka Streams reads the topology's fields, which a proxy leaves empty
    Topology topology(ProfileTopics topics, ProfileConfig config, MergePolicy policy, MeterRegistry registry) {
        return ProfileTopology.build(
                topics.names(),
                new ProfileTopology.Settings(
                        policy,
                        config.dedupWindow(),
                        config.timeline().maxEntriesPerCustomer(),
                        metrics(registry),
                        null));
    }

    private static ProfileTopology.Listener metrics(MeterRegistry registry) {
        return new ProfileTopology.Listener() {
            @Override
            public void mergeDecided() {
                registry.counter("mosaic.profile.merges.decided").increment();
            }

            @Override
            public void sharedIdentifier(IdentifierKey.Kind kind) {
                registry.counter("mosaic.profile.merges.skipped", "reason", "shared-" + kind.wireName())
                        .increment();
            }

            @Override
            public void blockedIdentifier(IdentifierKey.Kind kind) {
                registry.counter("mosaic.profile.identifiers.blocked", "kind", kind.wireName())
                        .increment();
            }
        };
    }

    /** A stream thread that died is replaced, not left dead ({@link ReplaceFailedThreads}). */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return new ReplaceFailedThreads();
    }
}
