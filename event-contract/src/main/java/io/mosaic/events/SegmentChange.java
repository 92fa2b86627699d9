package io.mosaic.events;

import java.time.Instant;

/**
 * A record of {@code mosaic.segment-changes}: a customer entered or left a segment, and why ({@code event:<type>},
 * {@code time}, {@code merge}, {@code consent}, {@code erasure}, {@code backfill}, {@code segment-changed}).
 */
public record SegmentChange(
        String tenant, String customerId, String segmentId, Change change, Instant at, String cause) {

    public enum Change {
        ENTERED,
        EXITED
    }
}
