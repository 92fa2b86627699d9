package io.mosaic.segmentation.app;

import io.mosaic.segmentation.stream.SegmentationTopology;
import io.mosaic.streams.ReplaceFailedThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** Gives the Quarkus Kafka Streams extension the segmentation topology, and what to do when a stream thread dies. */
@ApplicationScoped
public class TopologyProducer {
    @Produces
    @Singleton // not a client proxy: Kafka Streams reads the topology's fields, which a proxy leaves empty
    Topology topology(SegmentationTopics topics, SegmentationConfig config, Clock clock) {
        return SegmentationTopology.build(
                topics.names(),
                SegmentationTopology.Settings.of(
                        config.dedupWindow(),
                        config.timeCheckInterval(),
                        config.rfmInterval(),
                        config.backfillRate(),
                        clock));
    }

    /** A stream thread that died is replaced, not left dead ({@link ReplaceFailedThreads}). */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return new ReplaceFailedThreads();
    }
}
