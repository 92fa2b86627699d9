package io.mosaic.segmentation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.NotFoundException;
import io.mosaic.common.Paging;
import io.mosaic.events.FieldError;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.service.Insights;
import io.mosaic.segmentation.service.SegmentQueries;
import io.mosaic.segmentation.service.SegmentService;
import io.mosaic.segmentation.stream.StateQueries;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code /v1/segments}: the tenant's segments, their members and insights. */
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // JDBC, Kafka writes, store scans
public class SegmentResource {
    private static final int MAX_PAGE = 1_000;
    /** Thirteen months: a quarter against the same quarter a year before. */
    private static final int MAX_HISTORY_DAYS = 400;

    private final SegmentService segments;
    private final SegmentQueries queries;
    private final MembershipStore memberships;

    public SegmentResource(SegmentService segments, SegmentQueries queries, MembershipStore memberships) {
        this.segments = segments;
        this.queries = queries;
        this.memberships = memberships;
    }

    public record SegmentRequest(String id, String name, String description, JsonNode rule) {}

    public record PreviewRequest(JsonNode rule) {}

    @GET
    public Map<String, List<SegmentView>> list(@HeaderParam(PlatformHeaders.TENANT) String tenant) {
        Map<String, Long> sizes = memberships.sizes(tenant);
        return Map.of(
                "items",
                segments.list(tenant).stream()
                        .map(s ->
                                SegmentView.of(s, sizes.getOrDefault(s.listed().id(), 0L)))
                        .toList());
    }

    @GET
    @Path("/{id}")
    public SegmentView get(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        return segments.find(tenant, id)
                .map(s -> SegmentView.of(s, memberships.sizes(tenant).getOrDefault(id, 0L)))
                .orElseThrow(() -> new NotFoundException("No segment '" + id + "'."));
    }

    @POST
    public Response create(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            SegmentRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        SegmentRequest body = required(request);
        segments.create(tenant, new SegmentService.Draft(body.id(), body.name(), body.description(), body.rule()));
        return Response.created(uri.getAbsolutePathBuilder().path(body.id()).build())
                .entity(get(tenant, body.id()))
                .build();
    }

    @PUT
    @Path("/{id}")
    public SegmentView replace(
            @HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id, SegmentRequest request) {
        SegmentRequest body = required(request);
        if (body.id() != null && !body.id().equals(id)) {
            throw new InvalidRequestException(
                    "Invalid segment",
                    "The id cannot change.",
                    List.of(new FieldError("id", "must be '" + id + "' or absent")));
        }
        segments.replace(tenant, new SegmentService.Draft(id, body.name(), body.description(), body.rule()));
        return get(tenant, id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        segments.delete(tenant, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/preview")
    public StateQueries.Preview preview(@HeaderParam(PlatformHeaders.TENANT) String tenant, PreviewRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    "Invalid preview", "Send {\"rule\": ...}.", List.of(new FieldError("rule", "is required")));
        }
        return queries.preview(tenant, request.rule());
    }

    @GET
    @Path("/{id}/members")
    public SegmentQueries.MembersPage members(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return queries.members(tenant, id, Paging.limit(limit, 100, MAX_PAGE), cursor);
    }

    @GET
    @Path("/{id}/history")
    public SegmentQueries.History history(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @PathParam("id") String id,
            @QueryParam("days") String days) {
        return queries.history(tenant, id, Paging.count(days, "days", 90, MAX_HISTORY_DAYS));
    }

    @GET
    @Path("/{id}/insights")
    public Insights.Report insights(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        return queries.insights(tenant, id);
    }

    private static SegmentRequest required(SegmentRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    "Invalid segment",
                    "Send {\"id\", \"name\", \"rule\"}.",
                    List.of(new FieldError("rule", "is required")));
        }
        return request;
    }
}
