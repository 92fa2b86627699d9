package io.mosaic.profile.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Timestamps;
import io.mosaic.streams.SmileSerde;
import io.mosaic.streams.StreamDeadLetters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies one record to the customer of its key, whichever of the four co-partitioned topics it comes from: an
 * event of {@code mosaic.interactions}, a {@link ProfileHandover} from another key, segmentation's behavior summary
 * or a segment change. A record that cannot be applied goes to the DLQ with its reason and the partition moves on.
 * State, input offsets and outputs commit together (exactly-once): no applied-offset table, no outbox.
 */
final class ProfileProcessor implements Processor<String, byte[], String, byte[]> {
    private final ProfileTopology.Settings settings;
    private final ProfileTopology.Topics topics;
    private ProcessorContext<String, byte[]> context;
    private ProfileUpdates updates;
    private DerivedUpdates derived;
    private StreamDeadLetters deadLetters;

    ProfileProcessor(ProfileTopology.Settings settings, ProfileTopology.Topics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        java.util.function.Supplier<Instant> clock = settings.clock() == null
                ? () -> Instant.ofEpochMilli(context.currentSystemTimeMs())
                : settings.clock()::instant;
        CustomerStore customers = new CustomerStore(context, clock);
        this.updates = new ProfileUpdates(
                context,
                settings,
                customers,
                new TimelineEntries(context.getStateStore(ProfileTopology.TIMELINE), settings.timelineMax()),
                clock);
        this.derived = new DerivedUpdates(customers);
        this.deadLetters = new StreamDeadLetters(context, ProfileTopology.DLQ_CONSUMER, ProfileTopology.DLQ);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().orElseThrow().topic();
        try {
            if (topic.equals(topics.handovers())) {
                handover(record);
            } else if (topic.equals(topics.customerBehavior())) {
                behavior(record);
            } else if (topic.equals(topics.segmentChanges())) {
                segmentChange(record);
            } else {
                interaction(record);
            }
        } catch (IOException | RuntimeException e) {
            deadLetters.send(record, e);
        }
    }

    private void interaction(Record<String, byte[]> record) {
        InteractionEvent event = EventJson.fromBytes(record.value());
        if (!InteractionEvent.key(event.tenant(), event.customerId()).equals(record.key())) {
            throw new EventJson.MalformedEventException("record key does not match tenant:customerId");
        }
        updates.event(record.key(), event, record.value(), 0);
    }

    private void handover(Record<String, byte[]> record) throws IOException {
        ProfileHandover handover = SmileSerde.mapper().readValue(record.value(), ProfileHandover.class);
        String tenant = tenantOf(record.key());
        switch (handover.kind()) {
            case EVENT ->
                updates.event(record.key(), EventJson.fromBytes(handover.event()), handover.event(), handover.hops());
            case MERGE -> updates.merge(record.key(), tenant, handover);
            case ABSORB -> updates.absorb(record.key(), tenant, handover);
            case ERASE -> updates.eraseAlias(record.key(), tenant, handover);
        }
    }

    /**
     * {@code {"asOf": ..., "behavior": {...}}}, or a tombstone. The summary is kept as the bytes segmentation wrote
     * (the document embeds it as it is), found in one pass over the tokens without building a tree.
     */
    private void behavior(Record<String, byte[]> record) throws IOException {
        String tenant = tenantOf(record.key());
        if (record.value() == null) {
            derived.behavior(record.key(), tenant, null, null);
            return;
        }
        String asOf = null;
        String summary = null;
        try (JsonParser json = EventJson.mapper().createParser(record.value())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException("not a customer behavior record");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("asOf") && value == JsonToken.VALUE_STRING) {
                    asOf = json.getText();
                } else if (field.equals("behavior") && value == JsonToken.START_OBJECT) {
                    int start = (int) json.currentTokenLocation().getByteOffset();
                    json.skipChildren();
                    int end = (int) json.currentTokenLocation().getByteOffset() + 1;
                    summary = new String(record.value(), start, end - start, StandardCharsets.UTF_8);
                } else {
                    json.skipChildren();
                }
            }
        }
        if (asOf == null || summary == null) {
            throw new MalformedRecordException("not a customer behavior record");
        }
        derived.behavior(record.key(), tenant, summary, Timestamps.parse(asOf));
    }

    private void segmentChange(Record<String, byte[]> record) throws IOException {
        SegmentChange change =
                record.value() == null ? null : EventJson.mapper().readValue(record.value(), SegmentChange.class);
        if (change == null
                || change.tenant() == null
                || change.customerId() == null
                || change.segmentId() == null
                || change.change() == null
                || change.at() == null) {
            throw new MalformedRecordException("segment change without tenant, customer, segment, change or at");
        }
        if (!InteractionEvent.key(change.tenant(), change.customerId()).equals(record.key())) {
            throw new MalformedRecordException("record key does not match tenant:customerId");
        }
        derived.segment(
                record.key(),
                change.tenant(),
                change.segmentId(),
                change.change() == SegmentChange.Change.ENTERED
                        ? new ProfileState.Membership(change.segmentName(), change.at())
                        : null,
                change.at());
    }

    private static String tenantOf(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0) {
            throw new MalformedRecordException("record key is not tenant:customerId");
        }
        return key.substring(0, colon);
    }

    /** A record that is not what its topic promises. */
    static final class MalformedRecordException extends RuntimeException {
        MalformedRecordException(String message) {
            super(message);
        }
    }
}
