package io.mosaic.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The failures every service answers the same way, as {@code application/problem+json}. */
public class CommonProblemMappers {
    private static final Logger LOG = Logger.getLogger(CommonProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Problem.of("invalid-request", e.title(), 400, e.getMessage())
                .withErrors(e.errors())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of("not-found", "Not found", 404, e.getMessage())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return Problem.of("http-" + status, title, status, e.getMessage())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure while handling a request", e);
        return Problem.of("internal-error", "Internal error", 500, "Something went wrong on our side; it was logged.")
                .toResponse()
                .build();
    }
}
