package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.streams.RecentEventIds;
import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the topology keeps per customer, under the customer's record key: the behavioral aggregate and the segments
 * the customer is in, since when. One store entry, so an event costs one read and one write. A customer merged
 * into another keeps only {@code mergedInto} (its events are passed on there); a survivor keeps the ids merged
 * into it in {@code aliases}, so an erasure reaches them too.
 */
public final class CustomerState {
    public CustomerAggregate aggregate = new CustomerAggregate();
    public TreeMap<String, Instant> memberships = new TreeMap<>();
    public String mergedInto;
    public TreeSet<String> aliases = new TreeSet<>();
    /** When time alone may next change a membership (indexed in {@link TimeChecks}), or null. */
    public Instant nextCheckAt;
    /** The RFM inputs this customer last added to the task's histogram ({@link RfmSketch}); null for non-buyers. */
    public RfmHistogram.Contribution rfm;
    /** The fingerprint of the behavior summary last published for this customer (0: none yet). */
    public long behaviorFingerprint;
    /**
     * The log timestamp of the last profiling withdrawal: history recorded at or before it was cleared, and a
     * replay of older events leaves it out too.
     */
    public Long countsFrom;
    /** The latest profiling consent decision, kept through a withdrawal so a late older grant cannot undo it. */
    public Consent consent;
    /** The customer's dedup window; it stays with this key (a merge hands over no ids). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    RecentEventIds seen = new RecentEventIds();

    /** A consent decision, ordered by when it was decided, ties by event id (as everywhere else). */
    public record Consent(boolean granted, Instant decidedAt, String eventId) {
        boolean isLaterThan(Consent other) {
            int byTime = decidedAt.compareTo(other.decidedAt);
            return byTime != 0 ? byTime > 0 : eventId.compareTo(other.eventId) > 0;
        }
    }
}
