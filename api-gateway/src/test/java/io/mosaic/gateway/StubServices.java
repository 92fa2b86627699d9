package io.mosaic.gateway;

import com.sun.net.httpserver.HttpServer;
import io.mosaic.events.EventJson;
import io.mosaic.testing.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stand-ins for the services behind the gateway, for the gateway's own tests: ingestion and segmentation answer
 * with what reached them (method, path, query, headers, body), a path ending in {@code /teapot} with 418 and one
 * ending in {@code /boom} with 500; the profile service is a port where nothing listens, as when it is down, unless
 * the resource's {@code profile} argument is {@code up}. The profile service's read model, which the gateway reads
 * itself, is the embedded database (tests put a stand-in {@code profile.profile_read} there). The real services
 * behind the gateway are tested end to end in the e2e module.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;
    private boolean profileUp;

    @Override
    public void init(Map<String, String> initArgs) {
        profileUp = "up".equals(initArgs.get("profile"));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getRawPath());
            seen.put("query", exchange.getRequestURI().getQuery());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            seen.put("headers", headers);
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = EventJson.mapper().writeValueAsBytes(seen);
            String path = exchange.getRequestURI().getPath();
            int status = path.endsWith("/teapot") ? 418 : path.endsWith("/boom") ? 500 : 202;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Downstream", "stub");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String stub = "http://localhost:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.datasource.profiles.reactive.url",
                EmbeddedDatabase.reactiveUrl(EmbeddedDatabase.jdbcUrl()),
                "mosaic.gateway.services.ingestion",
                stub,
                "mosaic.gateway.services.segmentation",
                stub,
                "mosaic.gateway.services.profile",
                profileUp ? stub : "http://localhost:" + closedPort());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
