package io.mosaic.common;

import io.mosaic.events.FieldError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query parameter holding a NUL character: PostgreSQL cannot store or compare one in text, so it
 * would fail deep in a query as a 500. The event contract refuses it in bodies already. In a URL a NUL can only
 * come percent-encoded ({@code %00}); the raw form is checked, so nothing is decoded twice.
 */
public class UnstorableTextFilter {
    private static final String ENCODED_NUL = "%00";

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNul(ContainerRequestContext request, HttpServerRequest http) {
        if (!holdsNul(http.uri())) {
            return Optional.empty(); // nearly every request: the URI need not be parsed
        }
        URI uri = request.getUriInfo().getRequestUri();
        List<FieldError> errors = new ArrayList<>();
        if (holdsNul(uri.getRawPath())) {
            errors.add(new FieldError("path", "must not contain a NUL character (%00)"));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (holdsNul(pair)) {
                    errors.add(new FieldError(pair.split("=", 2)[0], "must not contain a NUL character (%00)"));
                }
            }
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(
                        "invalid-request",
                        "Invalid request",
                        400,
                        "A parameter holds a character that cannot be stored.")
                .withErrors(errors)
                .toResponse()
                .build());
    }

    private static boolean holdsNul(String raw) {
        return raw != null && raw.contains(ENCODED_NUL); // digits only: no case to fold
    }
}
