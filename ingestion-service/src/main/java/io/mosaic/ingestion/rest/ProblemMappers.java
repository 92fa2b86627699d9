package io.mosaic.ingestion.rest;

import io.mosaic.common.Problem;
import io.mosaic.ingestion.config.IngestionConfig;
import io.mosaic.ingestion.messaging.PublishFailedException;
import io.mosaic.ingestion.service.PayloadTooLargeException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures of ingestion itself, as {@code application/problem+json}; the common ones are in service-common. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final IngestionConfig config;

    public ProblemMappers(IngestionConfig config) {
        this.config = config;
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

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
