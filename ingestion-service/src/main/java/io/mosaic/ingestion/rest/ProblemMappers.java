package io.mosaic.ingestion.rest;

import io.mosaic.ingestion.config.IngestionConfig;
import io.mosaic.ingestion.messaging.PublishFailedException;
import io.mosaic.ingestion.service.InvalidRequestException;
import io.mosaic.ingestion.service.PayloadTooLargeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** One mapper per kind of failure, each answering {@code application/problem+json}. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final IngestionConfig config;

    public ProblemMappers(IngestionConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Problem.of("invalid-request", e.title(), 400, e.getMessage())
                .withErrors(e.errors())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return Problem.of("payload-too-large", "Payload too large", 413, e.getMessage())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(PublishFailedException e) {
        LOG.warnf("Refused a request because Kafka is unavailable: %s (%s)", e.getMessage(), rootCause(e));
        long retryAfter = config.ingestion().retryAfter().toSeconds();
        return Problem.of(
                        "kafka-unavailable",
                        "Event store unavailable",
                        503,
                        "Kafka did not confirm the events in time, so none of this request was accepted. Retry the"
                                + " same request after " + retryAfter + " s; events sent with an eventId are applied"
                                + " once however often they are retried.")
                .toResponse()
                .header("Retry-After", retryAfter)
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

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
