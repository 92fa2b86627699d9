package io.mosaic.segmentation.rest;

import io.mosaic.common.Problem;
import io.mosaic.segmentation.app.TopologyStores;
import io.mosaic.segmentation.service.ConflictException;
import io.mosaic.segmentation.stream.DefinitionsLog;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Segmentation's own failures, as {@code application/problem+json}; the common ones are in service-common. */
public class SegmentationProblemMappers {
    private static final org.jboss.logging.Logger LOG =
            org.jboss.logging.Logger.getLogger(SegmentationProblemMappers.class);
    private static final String RETRY_SECONDS = "2";

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.of("conflict", "Conflict", 409, e.getMessage())
                .toResponse()
                .build();
    }

    /** The topology's stores are opening, restoring or moving in a rebalance: a moment later they answer. */
    @ServerExceptionMapper({TopologyStores.NotReadyException.class, InvalidStateStoreException.class})
    public Response storesNotReady(RuntimeException e) {
        return unavailable("The segment state is loading on this instance; try again in a few seconds.");
    }

    /** Another instance did not give its share of a preview or insights; a moment later it may. */
    @ServerExceptionMapper
    public Response peerUnavailable(io.mosaic.segmentation.app.PeerQueries.PeerUnavailableException e) {
        LOG.warn(e.getMessage());
        return unavailable("Another instance of segmentation did not answer its share; try again in a few seconds.");
    }

    /** The definition reached Kafka but this instance did not see it in time: sending it again is harmless. */
    @ServerExceptionMapper
    public Response notVisible(DefinitionsLog.NotVisibleException e) {
        return unavailable("The segment could not be confirmed as saved; send the same request again.");
    }

    private static Response unavailable(String detail) {
        return Problem.of("unavailable", "Service unavailable", 503, detail)
                .toResponse()
                .header("Retry-After", RETRY_SECONDS)
                .build();
    }
}
