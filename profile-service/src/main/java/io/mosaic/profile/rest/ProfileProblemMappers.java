package io.mosaic.profile.rest;

import io.mosaic.common.Problem;
import io.mosaic.profile.service.AmbiguousIdentifierException;
import io.mosaic.profile.service.ErasureRequests;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The profile service's own failures, as {@code application/problem+json}; the common ones are in service-common. */
public class ProfileProblemMappers {

    @ServerExceptionMapper
    public Response ambiguous(AmbiguousIdentifierException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:problem-type:mosaic:ambiguous-identifier");
        body.put("title", "Identifier shared by several customers");
        body.put("status", 409);
        body.put("detail", e.getMessage());
        body.put("errors", java.util.List.of(Map.of("field", e.field(), "message", "shared by several customers")));
        body.put("customerIds", e.customerIds());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response notPublished(ErasureRequests.NotPublishedException e) {
        return Problem.of("unavailable", "Service unavailable", 503, e.getMessage())
                .toResponse()
                .header("Retry-After", "5")
                .build();
    }
}
