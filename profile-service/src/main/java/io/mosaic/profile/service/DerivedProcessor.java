package io.mosaic.profile.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.persistence.ErasedCustomers;
import io.mosaic.persistence.OffsetStore;
import io.mosaic.profile.persistence.DerivedStore;
import io.mosaic.profile.persistence.ProfileStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies what segmentation publishes, a batch per transaction with its offsets: behavior summaries from the
 * compacted {@code mosaic.customer-behavior} (a tombstone deletes) and memberships from
 * {@code mosaic.segment-changes}. Records about a customer erased after them are ignored.
 */
@ApplicationScoped
public class DerivedProcessor {
    private final OffsetStore offsets;
    private final DerivedStore derived;
    private final ProfileStore profiles;
    private final ErasedCustomers erased;
    private final Clock clock;

    public DerivedProcessor(
            OffsetStore offsets, DerivedStore derived, ProfileStore profiles, ErasedCustomers erased, Clock clock) {
        this.offsets = offsets;
        this.derived = derived;
        this.profiles = profiles;
        this.erased = erased;
        this.clock = clock;
    }

    /** A record that is not what its topic promises; it goes to the DLQ. */
    public static final class MalformedRecordException extends RuntimeException {
        MalformedRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Transactional
    public void applyBehavior(List<ConsumerRecord<String, byte[]>> records) {
        OffsetStore.Unapplied batch = offsets.unapplied(records);
        Map<String, Map<String, Instant>> erasures = erasuresOf(batch.records());
        Map<String, Set<String>> touched = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            String[] key = tenantAndCustomer(record);
            if (record.value() == null) {
                derived.deleteBehavior(key[0], key[1]);
            } else {
                JsonNode behavior = read(record);
                Instant asOf = Instant.parse(behavior.path("asOf").asText());
                if (!erasedSince(erasures, key[0], key[1], asOf)) {
                    derived.saveBehavior(
                            key[0], key[1], asOf, behavior.path("behavior").toString());
                }
            }
            touched.computeIfAbsent(key[0], t -> new HashSet<>()).add(key[1]);
        }
        touch(touched);
        offsets.markApplied(batch);
    }

    @Transactional
    public void applySegmentChanges(List<ConsumerRecord<String, byte[]>> records) {
        OffsetStore.Unapplied batch = offsets.unapplied(records);
        Map<String, Map<String, Instant>> erasures = erasuresOf(batch.records());
        Map<String, Set<String>> touched = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            SegmentChange change = readChange(record);
            if (change.change() == SegmentChange.Change.EXITED) {
                derived.exit(change.tenant(), change.customerId(), change.segmentId());
            } else if (!erasedSince(erasures, change.tenant(), change.customerId(), change.at())) {
                derived.enter(
                        change.tenant(),
                        change.customerId(),
                        new DerivedStore.Membership(change.segmentId(), change.segmentName(), change.at()));
            }
            touched.computeIfAbsent(change.tenant(), t -> new HashSet<>()).add(change.customerId());
        }
        touch(touched);
        offsets.markApplied(batch);
    }

    @Transactional
    public void skip(ConsumerRecord<String, byte[]> record) {
        offsets.skip(record);
    }

    private void touch(Map<String, Set<String>> customersByTenant) {
        Instant now = clock.instant();
        customersByTenant.forEach((tenant, ids) -> profiles.touch(tenant, ids, now));
    }

    /** When the batch's customers were erased, by tenant and customer hash: one query per tenant and batch. */
    private Map<String, Map<String, Instant>> erasuresOf(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Set<String>> hashes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            int colon = record.key() == null ? -1 : record.key().indexOf(':');
            if (colon > 0) {
                String tenant = record.key().substring(0, colon);
                hashes.computeIfAbsent(tenant, t -> new HashSet<>())
                        .add(CustomerHash.of(tenant, record.key().substring(colon + 1)));
            }
        }
        Map<String, Map<String, Instant>> erasures = new HashMap<>();
        hashes.forEach((tenant, ids) -> erasures.put(tenant, erased.erasures(tenant, ids)));
        return erasures;
    }

    private static boolean erasedSince(
            Map<String, Map<String, Instant>> erasures, String tenant, String customerId, Instant at) {
        Instant erasedAt = erasures.getOrDefault(tenant, Map.of()).get(CustomerHash.of(tenant, customerId));
        return erasedAt != null && !at.isAfter(erasedAt);
    }

    private static String[] tenantAndCustomer(ConsumerRecord<String, byte[]> record) {
        int colon = record.key() == null ? -1 : record.key().indexOf(':');
        if (colon <= 0) {
            throw new MalformedRecordException("record key is not tenant:customerId", null);
        }
        return new String[] {record.key().substring(0, colon), record.key().substring(colon + 1)};
    }

    private static JsonNode read(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode json = EventJson.mapper().readTree(record.value());
            if (json == null
                    || !json.path("asOf").isTextual()
                    || !json.path("behavior").isObject()) {
                throw new MalformedRecordException("not a customer behavior record", null);
            }
            return json;
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON", e);
        }
    }

    private static SegmentChange readChange(ConsumerRecord<String, byte[]> record) {
        try {
            SegmentChange change = EventJson.mapper().readValue(record.value(), SegmentChange.class);
            if (change.tenant() == null
                    || change.customerId() == null
                    || change.segmentId() == null
                    || change.change() == null
                    || change.at() == null) {
                throw new MalformedRecordException(
                        "segment change without tenant, customer, segment, change or at", null);
            }
            return change;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRecordException malformed) {
                throw malformed;
            }
            throw new MalformedRecordException("not a segment change: " + e.getMessage(), e);
        }
    }
}
