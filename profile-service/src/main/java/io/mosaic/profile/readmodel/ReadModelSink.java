package io.mosaic.profile.readmodel;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.persistence.DeadLetters;
import io.mosaic.persistence.ResilientBatches;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the topology's state and timeline changelogs to PostgreSQL in large batches ({@link ReadModelWriter}), only
 * what committed topology transactions wrote (read_committed). While PostgreSQL is away a batch is retried and the
 * instance reports itself unready ({@link ResilientBatches}).
 */
@ApplicationScoped
public class ReadModelSink {
    public static final String DOCUMENTS = "profile-documents";
    public static final String TIMELINE = "profile-timeline";

    private final ResilientBatches documents;
    private final ResilientBatches timeline;

    public ReadModelSink(ReadModelWriter writer, DeadLetters deadLetters, MeterRegistry registry) {
        this.documents = new ResilientBatches(DOCUMENTS, writer::profiles, record -> {}, deadLetters, registry);
        this.timeline = new ResilientBatches(TIMELINE, writer::timeline, record -> {}, deadLetters, registry);
    }

    @Incoming(DOCUMENTS)
    @Blocking // one JDBC transaction per batch; batches of a channel run one at a time, in order
    public void documents(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        documents.consume(batch);
    }

    @Incoming(TIMELINE)
    @Blocking
    public void timeline(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        timeline.consume(batch);
    }

    /** The channels whose batches fail for want of the database. */
    public List<String> failing() {
        List<String> failing = new ArrayList<>();
        if (!documents.healthy()) {
            failing.add(DOCUMENTS);
        }
        if (!timeline.healthy()) {
            failing.add(TIMELINE);
        }
        return failing;
    }
}
