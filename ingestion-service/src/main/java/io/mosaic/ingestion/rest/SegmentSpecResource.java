package io.mosaic.ingestion.rest;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.ingestion.service.SegmentSpecIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The Segment Spec's HTTP Tracking API ({@code /v1/batch}, {@code /v1/identify}, {@code /v1/track},
 * {@code /v1/page}, {@code /v1/screen}, {@code /v1/group}, {@code /v1/alias}): what Segment's and RudderStack's SDKs send, answered as they expect (200
 * {@code {"success": true}} once the events are on Kafka). docs/SEGMENT.md gives the mapping.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentSpecResource {
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final SegmentSpecIntake intake;

    public SegmentSpecResource(SegmentSpecIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/batch")
    @Blocking // waits for the Kafka transaction to commit
    public Map<String, Boolean> batch(@HeaderParam(PlatformHeaders.TENANT) String tenant, byte[] body) {
        intake.acceptBatch(tenant, body);
        return SUCCESS;
    }

    @POST
    @Path("/{type:identify|track|page|screen|group|alias}")
    @Blocking
    public Map<String, Boolean> one(
            @HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("type") String type, byte[] body) {
        intake.acceptOne(tenant, type, body);
        return SUCCESS;
    }
}
