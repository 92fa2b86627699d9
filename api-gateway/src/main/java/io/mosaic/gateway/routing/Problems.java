package io.mosaic.gateway.routing;

import io.mosaic.events.EventJson;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** problem+json answers written by the gateway itself (RFC 9457), in the services' form. */
public final class Problems {
    private Problems() {}

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:problem-type:mosaic:" + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        try {
            response.setStatusCode(status)
                    .putHeader("Content-Type", "application/problem+json")
                    .end(EventJson.mapper().writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
