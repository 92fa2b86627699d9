package io.mosaic.segmentation.readmodel;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.events.SegmentChange;
import io.mosaic.segmentation.persistence.MembershipStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The query side of members and sizes: the membership table, kept as the topology's segment changes say. A batch
 * of records becomes one transaction in which only the last change of each customer and segment counts (coalesced:
 * a customer who entered and left within the batch costs nothing), so the table takes a row per real change, not
 * per event. Applying a batch again gives the same table (an entry sets its {@code since}, an exit deletes), so
 * redelivery after a crash between the database commit and the offset commit is harmless.
 */
@ApplicationScoped
public class MembershipSink {
    private final MembershipStore memberships;
    private final MeterRegistry registry;

    public MembershipSink(MembershipStore memberships, MeterRegistry registry) {
        this.memberships = memberships;
        this.registry = registry;
    }

    /** Applies the batch; answers how many records were segment changes (the rest are skipped). */
    @Transactional
    public int apply(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Map<String, MembershipStore.Change>> latest = new TreeMap<>();
        int applied = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            SegmentChange change = SegmentChanges.read(record.value());
            if (change == null) {
                continue;
            }
            applied++;
            // Counted as read from the topic (committed changes only); a batch redelivered after a crash counts again.
            registry.counter(
                            "mosaic.segment.changes",
                            "change",
                            change.change().name().toLowerCase(java.util.Locale.ROOT),
                            "cause",
                            String.valueOf(change.cause()))
                    .increment();
            latest.computeIfAbsent(change.tenant(), tenant -> new LinkedHashMap<>())
                    .put(
                            change.customerId() + '\u0000' + change.segmentId(),
                            new MembershipStore.Change(
                                    change.customerId(),
                                    change.segmentId(),
                                    change.change() == SegmentChange.Change.ENTERED,
                                    change.at()));
        }
        latest.forEach((tenant, changes) -> memberships.apply(tenant, List.copyOf(changes.values())));
        return applied;
    }
}
