package io.mosaic.segmentation.rest;

import io.mosaic.common.Problem;
import io.mosaic.segmentation.service.ConflictException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Segmentation's own failures, as {@code application/problem+json}; the common ones are in service-common. */
public class SegmentationProblemMappers {

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.of("conflict", "Conflict", 409, e.getMessage())
                .toResponse()
                .build();
    }
}
