package io.mosaic.gateway.routing;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.gateway.GatewayConfig;
import io.mosaic.gateway.keys.Caller;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a request to its service and streams the answer back unchanged (status, headers, body). The caller's
 * own {@code X-Mosaic-*} headers and credentials never pass; the tenant of the key and the internal token are
 * added. Each service has its own circuit breaker, so a service that is down answers 503 on its routes only. The
 * breaker counts only the service's own failures: no connection, no answer in time, or a 503. Any other answer,
 * a 500 that one caller's request provoked included, shows the service is there, so no tenant can open the
 * circuit for the others by sending bad requests.
 */
@ApplicationScoped
public class Downstreams {
    /** Connection-level headers (RFC 9110 7.6.1) and credentials: never forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "authorization",
            "x-api-key");
    /** Per event loop: the gateway has two loops per core, so 64 connections to a service on two cores. */
    private static final int CONNECTIONS_PER_LOOP = 16;

    private final Vertx vertx;
    /**
     * One client per event-loop thread, so that every connection a request is forwarded on belongs to the event
     * loop that serves the request: a shared pool hands out connections of any loop, and each forward then hops
     * between two threads and back (a task queued, a sleeping loop woken) on the request and on the answer.
     */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();

    private final Map<Route.Service, String> bases = new EnumMap<>(Route.Service.class);
    private final Map<Route.Service, CircuitBreaker> breakers = new EnumMap<>(Route.Service.class);
    private final String internalToken;
    private final long timeoutMillis;

    public Downstreams(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        bases.put(Route.Service.INGESTION, trim(config.gateway().services().ingestion()));
        bases.put(Route.Service.PROFILE, trim(config.gateway().services().profile()));
        bases.put(Route.Service.SEGMENTATION, trim(config.gateway().services().segmentation()));
        for (Route.Service service : bases.keySet()) {
            breakers.put(
                    service,
                    new CircuitBreaker(
                            config.gateway().downstream().failureThreshold(),
                            config.gateway().downstream().openFor()));
        }
        this.internalToken = config.internalToken();
        this.timeoutMillis = config.gateway().downstream().timeout().toMillis();
    }

    /** The base URL of each service, for health checks. */
    public Map<Route.Service, String> bases() {
        return bases;
    }

    public boolean isOpen(Route.Service service) {
        return breakers.get(service).isOpen(System.nanoTime());
    }

    /** Forwards the (paused) request; answers 503 when the service is away or its circuit is open, 504 on timeout. */
    public void forward(
            HttpServerRequest request,
            HttpServerResponse response,
            Route.Service service,
            String path,
            Caller caller,
            String requestId) {
        CircuitBreaker breaker = breakers.get(service);
        if (!breaker.allows(System.nanoTime())) {
            request.resume();
            unavailable(response, service);
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setAbsoluteURI(bases.get(service) + path + (request.query() == null ? "" : "?" + request.query()))
                .setTimeout(timeoutMillis);
        options.setHeaders(forwardedHeaders(request.headers(), caller, requestId));
        boolean hasBody = request.headers().contains("Content-Length")
                || request.headers().contains("Transfer-Encoding");
        client().request(options)
                .compose(outgoing -> {
                    if (hasBody) {
                        return outgoing.send(request);
                    }
                    request.resume();
                    return outgoing.send();
                })
                .onSuccess(answer -> {
                    if (answer.statusCode() == 503) {
                        breaker.failed(System.nanoTime());
                    } else {
                        breaker.succeeded();
                    }
                    relay(answer, response);
                })
                .onFailure(error -> {
                    breaker.failed(System.nanoTime());
                    dropRestOfBody(request);
                    if (response.headWritten()) {
                        response.reset();
                    } else if (error instanceof java.util.concurrent.TimeoutException
                            || String.valueOf(error.getMessage()).contains("timeout")) {
                        Problems.send(
                                response,
                                504,
                                "downstream-timeout",
                                "Service timed out",
                                name(service) + " did not answer in time; retry later.");
                    } else {
                        unavailable(response, service);
                    }
                });
    }

    /**
     * The rest of a body still arriving after the forward failed (a timeout) has nowhere to go: read and dropped,
     * instead of piped into the ended downstream request, which threw for every chunk.
     */
    private static void dropRestOfBody(HttpServerRequest request) {
        if (!request.isEnded()) {
            request.handler(chunk -> {}).endHandler(end -> {});
        }
        request.resume();
    }

    private HttpClient client() {
        return clients.computeIfAbsent(
                Thread.currentThread(),
                loop -> vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setMaxPoolSize(CONNECTIONS_PER_LOOP)
                        .setConnectTimeout(2_000)));
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                response.headers().add(name, value);
            }
        });
        if (!answer.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private MultiMap forwardedHeaders(MultiMap incoming, Caller caller, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        incoming.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("x-mosaic-") && !lower.equals("x-request-id")) {
                headers.add(name, value);
            }
        });
        if (incoming.contains("Transfer-Encoding") && !incoming.contains("Content-Length")) {
            headers.add("Transfer-Encoding", "chunked");
        }
        headers.set(PlatformHeaders.TENANT, caller.tenant());
        headers.set(PlatformHeaders.INTERNAL_TOKEN, internalToken);
        headers.set(PlatformHeaders.REQUEST_ID, requestId);
        return headers;
    }

    private static void unavailable(HttpServerResponse response, Route.Service service) {
        response.putHeader("Retry-After", "5");
        Problems.send(
                response,
                503,
                "service-unavailable",
                "Service unavailable",
                name(service) + " is not available right now; retry in a few seconds. Other routes keep working.");
    }

    private static String name(Route.Service service) {
        return "The " + service.name().toLowerCase(Locale.ROOT) + " service";
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
