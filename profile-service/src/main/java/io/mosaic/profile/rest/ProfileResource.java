package io.mosaic.profile.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.Paging;
import io.mosaic.events.EventJson;
import io.mosaic.events.FieldError;
import io.mosaic.events.IdentifierNormalisation;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.profile.identity.IdentifierKey;
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
import java.util.Map;

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
        Map<String, String> given = new java.util.TreeMap<>();
        put(given, "email", email);
        put(given, "phone", phone);
        put(given, "whatsapp", whatsapp);
        put(given, "externalId", externalId);
        if (given.size() != 1) {
            throw new InvalidRequestException(
                    "Invalid lookup",
                    "Give exactly one of email, phone, whatsapp or externalId (system:id).",
                    List.of(new FieldError(
                            given.isEmpty() ? "email" : String.join(",", given.keySet()),
                            "exactly one identifier is required")));
        }
        String field = given.keySet().iterator().next();
        return queries.byIdentifier(tenant, key(field, given.get(field)), field);
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

    private static IdentifierKey key(String field, String raw) {
        return switch (field) {
            case "email" ->
                new IdentifierKey(
                        IdentifierKey.Kind.EMAIL,
                        IdentifierNormalisation.email(raw)
                                .orElseThrow(() -> invalid(field, "is not an email address")));
            case "phone", "whatsapp" ->
                new IdentifierKey(
                        field.equals("phone") ? IdentifierKey.Kind.PHONE : IdentifierKey.Kind.WHATSAPP,
                        IdentifierNormalisation.phone(raw)
                                .orElseThrow(() -> invalid(field, "is not a phone number with its country code")));
            default -> {
                int colon = raw.indexOf(':');
                if (colon <= 0 || colon == raw.length() - 1) {
                    throw invalid(field, "must be system:id, for example shop:12345");
                }
                yield IdentifierKey.external(raw.substring(0, colon), raw.substring(colon + 1));
            }
        };
    }

    private static void put(Map<String, String> given, String field, String value) {
        if (value != null && !value.isBlank()) {
            given.put(field, value.trim());
        }
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
