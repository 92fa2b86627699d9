package io.mosaic.segmentation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.FieldError;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.segmentation.rules.SegmentIds;
import io.mosaic.segmentation.service.SegmentService;
import io.mosaic.segmentation.stream.SegmentationReads;
import io.mosaic.segmentation.stream.StateQueries;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code /internal/segments}: this instance's share of a question over every customer, asked by another instance of
 * segmentation ({@code PeerQueries}); never routed by the gateway, and refused without the internal token.
 */
@Path("/internal/segments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // store scans
public class PeerResource {
    private static final int SAMPLE = 20;

    private final SegmentService segments;
    private final SegmentationReads reads;

    public PeerResource(SegmentService segments, SegmentationReads reads) {
        this.segments = segments;
        this.reads = reads;
    }

    public record PreviewShare(JsonNode rule, Instant at) {}

    public record InsightsShare(String segmentId, Instant at) {}

    @POST
    @Path("/preview")
    public StateQueries.Preview preview(@HeaderParam(PlatformHeaders.TENANT) String tenant, PreviewShare request) {
        if (request == null || request.at() == null) {
            throw invalid("at");
        }
        return reads.preview(tenant, segments.compile(tenant, request.rule()), request.at(), SAMPLE);
    }

    @POST
    @Path("/insights")
    public StateQueries.InsightsTally insights(
            @HeaderParam(PlatformHeaders.TENANT) String tenant, InsightsShare request) {
        if (request == null || !SegmentIds.isValid(request.segmentId())) {
            throw invalid("segmentId");
        }
        if (request.at() == null) {
            throw invalid("at");
        }
        return reads.insights(tenant, request.segmentId(), request.at());
    }

    private static InvalidRequestException invalid(String field) {
        return new InvalidRequestException(
                "Invalid share request",
                "Send the question and its instant.",
                List.of(new FieldError(field, "is required")));
    }
}
