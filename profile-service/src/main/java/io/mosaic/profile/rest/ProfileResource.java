package io.mosaic.profile.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.Paging;
import io.mosaic.events.EventJson;
import io.mosaic.events.FieldError;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.ProfileLookup;
import io.mosaic.profile.readmodel.ProfileReads;
import io.mosaic.profile.service.ErasureRequests;
import io.mosaic.profile.service.ProfileQueries;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /v1/profiles}: the merged profile by id or identifier, its timeline, and erasure. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // JDBC
public class ProfileResource {
    private static final int MAX_PAGE = 200;

    private final ProfileQueries queries;
    private final ErasureRequests erasures;

    public ProfileResource(ProfileQueries queries, ErasureRequests erasures) {
        this.queries = queries;
        this.erasures = erasures;
    }

    @GET
    @Path("/{customerId}")
    public String byId(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("customerId") String id) {
        return queries.byId(tenant, id);
    }

    /** Exactly one of the identifiers; a shared one (a family phone) answers 409 with the customers' ids. */
    @GET
    public String byIdentifier(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @QueryParam("email") String email,
            @QueryParam("phone") String phone,
            @QueryParam("whatsapp") String whatsapp,
            @QueryParam("externalId") String externalId) {
        try {
            return queries.byIdentifier(tenant, ProfileLookup.byIdentifier(name -> switch (name) {
                case "email" -> email;
                case "phone" -> phone;
                case "whatsapp" -> whatsapp;
                default -> externalId;
            }));
        } catch (ProfileLookup.Invalid invalid) {
            throw new InvalidRequestException(invalid.title(), invalid.detail(), List.of(invalid.fieldError()));
        }
    }

    @GET
    @Path("/{customerId}/timeline")
    public String timeline(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @PathParam("customerId") String id,
            @QueryParam("limit") String limitParameter,
            @QueryParam("before") String before) {
        int limit = Paging.limit(limitParameter, 50, MAX_PAGE);
        List<ProfileReads.Entry> page = queries.timeline(tenant, id, position(before), limit + 1);
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            body.append(i == 0 ? "" : ",").append(page.get(i).json()); // entries are stored as served
        }
        body.append("],\"nextCursor\":");
        if (page.size() > limit) {
            body.append('"')
                    .append(Paging.encodeCursor(page.get(limit - 1).position()))
                    .append('"');
        } else {
            body.append("null");
        }
        return body.append('}').toString();
    }

    /** Records the erasure request on the event log; every service deletes the customer when it consumes it. */
    @DELETE
    @Path("/{customerId}")
    public Response erase(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("customerId") String id) {
        InteractionEvent erasure = erasures.request(tenant, id);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("customerId", erasure.customerId());
        body.put("eventId", erasure.eventId());
        body.put("status", "erasure-requested");
        return Response.accepted(body).build();
    }

    /** A cursor this API gave out: an entry's position, 16 hex digits of microseconds and its event id. */
    private static String position(String cursor) {
        String position = Paging.decodeCursor(cursor, "before");
        if (position != null && !position.matches("[0-9a-f]{16}.+")) {
            throw invalid("before", "is not a cursor this API gave out");
        }
        return position;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "Invalid request", field + " " + message + ".", List.of(new FieldError(field, message)));
    }
}
