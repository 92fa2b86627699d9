package io.mosaic.segmentation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.segmentation.persistence.SegmentStore;
import java.time.Instant;

/** A segment as the API shows it (docs/API.md, Segments); {@code failure} says why a failed one failed. */
public record SegmentView(
        String id,
        String name,
        String description,
        JsonNode rule,
        boolean builtIn,
        String status,
        String failure,
        Progress progress,
        long size,
        Instant createdAt,
        Instant updatedAt) {

    public record Progress(long total, long done) {}

    static SegmentView of(SegmentStore.StoredSegment stored, long size) {
        return new SegmentView(
                stored.definition().id(),
                stored.definition().name(),
                stored.definition().description(),
                stored.definition().ruleJson(),
                stored.builtIn(),
                stored.status(),
                stored.failure(),
                new Progress(stored.backfillTotal(), stored.backfillDone()),
                size,
                stored.createdAt(),
                stored.updatedAt());
    }
}
