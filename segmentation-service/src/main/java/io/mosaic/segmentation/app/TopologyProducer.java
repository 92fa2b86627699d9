package io.mosaic.segmentation.app;

import io.mosaic.segmentation.stream.SegmentationTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/** Gives the Quarkus Kafka Streams extension the segmentation topology, and what to do when a stream thread dies. */
@ApplicationScoped
public class TopologyProducer {
    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

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

    /**
     * A stream thread that died (its task's state is rolled back to the last commit) is replaced rather than left
     * dead: an error that outlasts its retries, such as a broker away for longer than the delivery timeout, must not
     * stop the instance for good. Records that cannot be applied never get here; they go to the DLQ.
     */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler replaceDeadThreads() {
        return error -> {
            LOG.errorf(
                    "A stream thread failed (%s); it is replaced and resumes from the last commit.", error.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }
}
