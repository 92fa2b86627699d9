package io.mosaic.events;

import java.time.Instant;

/**
 * A record of {@code mosaic.segment-changes}: a customer entered or left a segment, and why ({@code event:<type>},
 * {@code time}, {@code merge}, {@code consent}, {@code erasure}, {@code backfill}, {@code segment-changed},
 * {@code segment-deleted}). {@code segmentName} is the segment's name when the change was made; null if it no longer
 * existed.
 */
public record SegmentChange(
        String tenant,
        String customerId,
        String segmentId,
        String segmentName,
        Change change,
        Instant at,
        String cause) {

    public enum Change {
        ENTERED,
        EXITED
    }
}
