package io.mosaic.segmentation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.segmentation.stream.SegmentationReads;
import io.mosaic.segmentation.stream.TenantDefinitions;
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

    public static final String FAILED = "failed";

    public record Progress(long total, long done) {}

    static SegmentView of(SegmentationReads.Segment segment, long size) {
        TenantDefinitions.Listed listed = segment.listed();
        return new SegmentView(
                listed.id(),
                listed.name(),
                listed.description(),
                listed.rule(),
                listed.builtIn(),
                listed.failure() != null ? FAILED : segment.status().status(),
                listed.failure(),
                new Progress(segment.status().total(), segment.status().done()),
                size,
                listed.createdAt(),
                listed.updatedAt());
    }
}
