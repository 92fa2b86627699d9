package io.mosaic.gateway;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A problem+json answer from the gateway's own endpoints, thrown. */
public class GatewayProblem extends WebApplicationException {
    public GatewayProblem(int status, String slug, String title, String detail, List<Map<String, String>> errors) {
        super(detail, response(status, slug, title, detail, errors));
    }

    public static GatewayProblem invalid(String field, String message) {
        return new GatewayProblem(
                400,
                "invalid-request",
                "Invalid request",
                field + " " + message + ".",
                List.of(Map.of("field", field, "message", message)));
    }

    public static GatewayProblem notFound(String detail) {
        return new GatewayProblem(404, "not-found", "Not found", detail, List.of());
    }

    private static Response response(
            int status, String slug, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:problem-type:mosaic:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status)
                .type("application/problem+json")
                .entity(body)
                .build();
    }
}
