package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.segments.CustomerEvaluation;
import io.mosaic.segmentation.segments.OutputPayloads;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one {@code mosaic.interactions} record to its customer's state and forwards what changed: segment entries
 * and exits, the new behavior summary, or the record to the DLQ with its reason. State, input offset and outputs
 * commit together (exactly-once), so there is no applied-offset table and no outbox. An event id seen within the
 * dedup window ({@link SeenEvents}) has no effect; a withdrawn profiling consent and an erasure clear the
 * customer, and an erasure's marker keeps a replay of the customer's past from coming back.
 *
 * <p>Not yet handled here: merges (the absorbed customer's state lives under another key, on another partition
 * perhaps, and has to be moved through a repartition topic), time-based re-evaluation, backfills.
 */
final class CustomerProcessor implements Processor<String, byte[], String, byte[]> {
    private final TenantSegments segments;
    private final SeenEvents.Settings dedup;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, CustomerState> states;
    private KeyValueStore<String, Long> erasures;
    private SeenEvents seen;

    CustomerProcessor(TenantSegments segments, SeenEvents.Settings dedup) {
        this.segments = segments;
        this.dedup = dedup;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(SegmentationTopology.CUSTOMER_STATES);
        this.erasures = context.getStateStore(SegmentationTopology.ERASURES);
        this.seen = new SeenEvents(context, dedup);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        InteractionEvent event;
        try {
            event = EventJson.fromBytes(record.value());
            if (!InteractionEvent.key(event.tenant(), event.customerId()).equals(record.key())) {
                throw new EventJson.MalformedEventException("record key does not match tenant:customerId");
            }
        } catch (EventJson.MalformedEventException e) {
            deadLetter(record, e);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (!seen.firstTime(event.tenant(), event.eventId(), now)) {
            return;
        }
        try {
            apply(record.key(), event, now);
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    private void apply(String key, InteractionEvent event, Instant now) {
        String erasureKey = CustomerHash.of(event.tenant(), event.customerId());
        switch (event.type()) {
            case CUSTOMER_ERASED -> {
                Long erasedAt = erasures.get(erasureKey);
                long at = event.occurredAt().toEpochMilli();
                erasures.put(erasureKey, erasedAt == null ? at : Math.max(erasedAt, at));
                clear(key, event.tenant(), event.customerId(), null, now, "erasure");
            }
            case CONSENT_UPDATED -> consent(key, event, now);
            case CUSTOMER_MERGED -> {
                // moved between keys in a later step of the migration; the database path still applies merges
            }
            default -> interaction(key, event, erasures.get(erasureKey), now);
        }
    }

    private void interaction(String key, InteractionEvent event, Long erasedAt, Instant now) {
        if (erasedAt != null && event.occurredAt().toEpochMilli() <= erasedAt) {
            return; // a replay of an erased customer's past stays erased
        }
        CustomerState state = states.get(key);
        if (state == null) {
            state = new CustomerState();
        }
        if (state.consent != null && !state.consent.granted()) {
            return; // profiling withdrawn: nothing is learnt until it is granted again
        }
        SegmentCatalog catalog = segments.catalog(event.tenant());
        state.aggregate.apply(event, catalog.eventFilters());
        evaluate(key, event.tenant(), event.customerId(), state, catalog, EnumSet.of(event.type()), now, cause(event));
    }

    private void consent(String key, InteractionEvent event, Instant now) {
        ConsentUpdated update = event.propertiesAs(ConsentUpdated.class);
        if (update.purpose() != ConsentUpdated.Purpose.PROFILING) {
            return;
        }
        CustomerState state = states.get(key);
        CustomerState.Consent decision =
                new CustomerState.Consent(update.granted(), event.occurredAt(), event.eventId());
        if (state != null && state.consent != null && !decision.isLaterThan(state.consent)) {
            return;
        }
        if (update.granted()) {
            CustomerState granted = state == null ? new CustomerState() : state;
            granted.consent = decision;
            states.put(key, granted);
        } else {
            clear(key, event.tenant(), event.customerId(), decision, now, "consent");
        }
    }

    /** Exits every segment, publishes no behavior any more, and keeps only the consent decision, if any. */
    private void clear(
            String key, String tenant, String customerId, CustomerState.Consent consent, Instant now, String cause) {
        CustomerState state = states.get(key);
        if (state != null) {
            SegmentCatalog catalog = segments.catalog(tenant);
            state.memberships
                    .keySet()
                    .forEach(segment -> forwardChange(
                            key, tenant, customerId, segment, catalog, SegmentChange.Change.EXITED, now, cause));
            context.forward(new Record<String, byte[]>(key, null, now.toEpochMilli()), SegmentationTopology.BEHAVIOR);
        }
        if (consent == null) {
            states.delete(key);
        } else {
            CustomerState withdrawn = new CustomerState();
            withdrawn.consent = consent;
            states.put(key, withdrawn);
        }
    }

    private void evaluate(
            String key,
            String tenant,
            String customerId,
            CustomerState state,
            SegmentCatalog catalog,
            Set<EventType> changedBy,
            Instant now,
            String cause) {
        state.aggregate.compact(now);
        state.aggregate.conditions.keySet().retainAll(catalog.signatures());
        CustomerEvaluation evaluation =
                new CustomerEvaluation(state.aggregate, now, segments.rfmScale(tenant), state.memberships.keySet());
        Collection<SegmentDefinition> affected = catalog.affectedBy(changedBy, false);
        Set<String> after = evaluation.evaluate(affected);
        TreeMap<String, Instant> memberships = new TreeMap<>();
        for (String segment : after) {
            Instant since = state.memberships.get(segment);
            if (since == null) {
                forwardChange(key, tenant, customerId, segment, catalog, SegmentChange.Change.ENTERED, now, cause);
            }
            memberships.put(segment, since == null ? now : since);
        }
        for (String segment : state.memberships.keySet()) {
            if (!after.contains(segment)) {
                forwardChange(key, tenant, customerId, segment, catalog, SegmentChange.Change.EXITED, now, cause);
            }
        }
        state.memberships = memberships;
        states.put(key, state);
        byte[] behavior = OutputPayloads.behavior(tenant, customerId, now, OutputPayloads.json(evaluation.summary()));
        context.forward(new Record<>(key, behavior, now.toEpochMilli()), SegmentationTopology.BEHAVIOR);
    }

    private void forwardChange(
            String key,
            String tenant,
            String customerId,
            String segment,
            SegmentCatalog catalog,
            SegmentChange.Change change,
            Instant now,
            String cause) {
        SegmentChange record =
                new SegmentChange(tenant, customerId, segment, catalog.nameOf(segment), change, now, cause);
        context.forward(
                new Record<>(key, OutputPayloads.change(record), now.toEpochMilli()),
                SegmentationTopology.SEGMENT_CHANGES);
    }

    private void deadLetter(Record<String, byte[]> record, Exception error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(metadata -> {
            headers.add("dlq-original-topic", utf8(metadata.topic()));
            headers.add("dlq-original-partition", utf8(Integer.toString(metadata.partition())));
            headers.add("dlq-original-offset", utf8(Long.toString(metadata.offset())));
        });
        headers.add("dlq-consumer", utf8("segmentation-topology"));
        headers.add("dlq-error-class", utf8(error.getClass().getName()));
        headers.add("dlq-error-message", utf8(String.valueOf(error.getMessage())));
        context.forward(
                new Record<>(record.key(), record.value(), record.timestamp(), headers), SegmentationTopology.DLQ);
    }

    private static String cause(InteractionEvent event) {
        return "event:" + event.type().wireName();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
