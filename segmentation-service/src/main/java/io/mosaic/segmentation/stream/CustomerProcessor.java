package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.streams.RecentEventIds;
import io.mosaic.streams.StreamDeadLetters;
import java.io.IOException;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one record to the customer of its key: a {@code mosaic.interactions} record is decoded (a malformed one
 * goes to the DLQ with its reason), deduplicated within the customer's window ({@link RecentEventIds}) and handed to
 * {@link CustomerUpdates}; a record of the handover topic is a {@link Handover} from another key, applied by
 * {@link CustomerUpdates} or {@link CustomerMerges}. State, input offsets and outputs commit together (exactly-once),
 * so there is no applied-offset table and no outbox. One processor reads both topics, so a task has one set of
 * helpers: its {@link TimeChecks}, {@link Backfills}, {@link ConditionReplays} and {@link RfmSketch}.
 */
final class CustomerProcessor implements Processor<String, byte[], String, byte[]> {
    private final SegmentationTopology.Settings settings;
    private final TableVersions versions;
    private final BackgroundShare background;
    private final SegmentationTopology.Topics topics;
    private ProcessorContext<String, byte[]> context;
    private DefinedSegments segments;
    private CustomerUpdates updates;
    private CustomerMerges merges;
    private ConditionReplays replays;
    private StreamDeadLetters deadLetters;
    private CustomerStates customers;
    /** Records applied since the last background tick: the backfill yields to them. */
    private int recordsSinceTick;

    CustomerProcessor(
            SegmentationTopology.Settings settings,
            TableVersions versions,
            BackgroundShare background,
            SegmentationTopology.Topics topics) {
        this.settings = settings;
        this.background = background;
        this.versions = versions;
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        background.taskOpened(); // first: close() gives it back even when the rest of init fails
        this.context = context;
        this.segments = new DefinedSegments(
                context.getStateStore(SegmentationTopology.DEFINITIONS),
                context.getStateStore(SegmentationTopology.RFM_HISTOGRAM_TABLE),
                versions);
        this.customers = new CustomerStates(
                context.getStateStore(SegmentationTopology.CUSTOMER_STATES),
                settings.dedup().window());
        Progress progress = new Progress(context);
        RfmSketch rfm = new RfmSketch(context, settings.rfmPublishEvery());
        java.util.function.Supplier<java.time.Instant> clock = settings.clock() == null
                ? () -> java.time.Instant.ofEpochMilli(context.currentSystemTimeMs())
                : settings.clock()::instant;
        this.updates = new CustomerUpdates(context, segments, customers, rfm, clock);
        this.merges = updates.merges();
        restoreDerived(rfm);
        this.updates.startTimeChecks(context, settings.time());
        Backfills backfills = new Backfills(
                context,
                segments,
                versions,
                settings.backfill(),
                background,
                clock,
                customers,
                progress,
                updates::reevaluateForBackfill);
        this.replays = new ConditionReplays(
                context,
                segments,
                versions,
                settings.replay(),
                topics.interactions(),
                progress,
                new ConditionReplays.Sink() {
                    @Override
                    public void add(String key, String signature, long day, Counter counter, long recordedAt) {
                        CustomerState counts = new CustomerState();
                        counts.aggregate.conditions.put(signature, new TreeMap<>(java.util.Map.of(day, counter)));
                        merges.count(key, key.substring(0, key.indexOf(':')), counts, recordedAt, 0);
                    }

                    @Override
                    public void finished(String tenant) {
                        backfills.restart(tenant, "backfill");
                    }
                });
        segments.replayingFrom(replays::replaying);
        // One background tick, in a fixed order, so a finished replay's backfill starts at once and every report
        // is published after the work it reports on.
        context.schedule(settings.backfill().tick(), PunctuationType.WALL_CLOCK_TIME, now -> {
            replays.tick();
            backfills.tick(recordsSinceTick);
            recordsSinceTick = 0;
            progress.publish(context, backfills::job, replays::replaying, now);
        });
        this.deadLetters = new StreamDeadLetters(context, "segmentation-topology", SegmentationTopology.DLQ);
    }

    /** The task's one scan of its customers as it opens: what is derived from them is rebuilt in memory. */
    private void restoreDerived(RfmSketch rfm) {
        KeyValueStore<String, CustomerState> states = context.getStateStore(SegmentationTopology.CUSTOMER_STATES);
        try (KeyValueIterator<String, CustomerState> all = states.all()) {
            all.forEachRemaining(entry -> {
                customers.restore(entry.key);
                rfm.restore(entry.key, entry.value);
                updates.restore(entry.key, entry.value);
            });
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        recordsSinceTick++;
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        updates.recordedAt(record.timestamp());
        customers.recordStarted();
        boolean applied = false;
        try {
            if (metadata.topic().equals(topics.handovers())) {
                applied = handover(record);
                return;
            }
            replays.processing(metadata.offset());
            try {
                applied = interaction(record);
            } finally {
                replays.processed(metadata.offset());
            }
        } finally {
            customers.recordDone(applied);
        }
    }

    @Override
    public void close() {
        background.taskClosed();
        replays.close();
    }

    /** Answers false when the record went to the DLQ. */
    private boolean interaction(Record<String, byte[]> record) {
        InteractionEvent event;
        try {
            event = EventJson.fromBytes(record.value());
            if (!InteractionEvent.key(event.tenant(), event.customerId()).equals(record.key())) {
                throw new EventJson.MalformedEventException("record key does not match tenant:customerId");
            }
        } catch (EventJson.MalformedEventException e) {
            deadLetters.send(record, e);
            return false;
        }
        try {
            if (!customers.firstTime(
                    record.key(), event.eventId(), updates.now().toEpochMilli())) {
                return true;
            }
            Set<String> counted = replays.countedFor(event.tenant(), segments.catalog(event.tenant()));
            updates.event(record.key(), event, record.value(), 0, counted);
            return true;
        } catch (RuntimeException e) {
            deadLetters.send(record, e);
            return false;
        }
    }

    /** Answers false when the record went to the DLQ. */
    private boolean handover(Record<String, byte[]> record) {
        try {
            Handover handover = EventJson.mapper().readValue(record.value(), Handover.class);
            String tenant = record.key().substring(0, record.key().indexOf(':'));
            switch (handover.kind()) {
                case EVENT ->
                    updates.event(
                            record.key(),
                            EventJson.fromBytes(handover.event()),
                            handover.event(),
                            handover.hops(),
                            handover.counted());
                case MERGE -> merges.merge(record.key(), tenant, handover);
                case ABSORB -> merges.absorb(record.key(), tenant, handover);
                case ERASE -> updates.eraseAlias(record.key(), tenant, handover);
                case COUNT -> merges.countHandedOver(record.key(), tenant, handover);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            deadLetters.send(record, e);
            return false;
        }
    }
}
