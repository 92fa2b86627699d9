package io.mosaic.ingestion.rest;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.ingestion.service.BatchOutcome;
import io.mosaic.ingestion.service.EventIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** {@code /v1/events}: events in, durably on Kafka before the answer. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
    private final EventIntake intake;

    public EventResource(EventIntake intake) {
        this.intake = intake;
    }

    public record Accepted(String eventId, String status) {}

    /** 202 once Kafka acknowledged the event on all in-sync replicas. */
    @POST
    @Blocking // sending may wait for Kafka metadata; never on the event loop
    public CompletionStage<Response> accept(@HeaderParam(PlatformHeaders.TENANT) String tenant, byte[] body) {
        return intake.acceptOne(tenant, body)
                .thenApply(eventId ->
                        Response.accepted(new Accepted(eventId, "accepted")).build());
    }

    /** 200 with what was accepted and what was rejected, by index; the accepted events were written together. */
    @POST
    @Path("/batch")
    @Blocking // waits for the Kafka transaction to commit
    public BatchOutcome acceptBatch(@HeaderParam(PlatformHeaders.TENANT) String tenant, byte[] body) {
        return intake.acceptBatch(tenant, body);
    }
}
