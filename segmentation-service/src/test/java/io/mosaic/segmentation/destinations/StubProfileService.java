package io.mosaic.segmentation.destinations;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The profile service as the webhook sender sees it: {@code GET /v1/profiles/{id}} answers a fixed profile for
 * customers whose id starts with {@code known-}, 404 for others, and 503 for {@code down-}; it checks the internal
 * token and the tenant header are sent.
 */
public class StubProfileService implements QuarkusTestResourceLifecycleManager {
    static final String PROFILE = """
            {"customerId":"%s","identifiers":{"emails":["rina@tokoku.id"],"phones":[]},
             "traits":{"demographic":{"gender":"female"},"geographic":{"city":"Bandung","country":"ID"}},
             "behavior":{"rfm":{"score":13,"recency":5},"purchases":{"count":7}},"consent":{"marketing":true}}""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/profiles/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/v1/profiles/".length());
            boolean authorised =
                    "test-internal-token".equals(exchange.getRequestHeaders().getFirst("X-Mosaic-Internal-Token"))
                            && exchange.getRequestHeaders().getFirst("X-Mosaic-Tenant") != null;
            int status = !authorised ? 401 : id.startsWith("known-") ? 200 : id.startsWith("down-") ? 503 : 404;
            byte[] body = status == 200 ? PROFILE.formatted(id).getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return Map.of(
                "mosaic.destinations.profile-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
