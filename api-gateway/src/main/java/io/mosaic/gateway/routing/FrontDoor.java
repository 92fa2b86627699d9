package io.mosaic.gateway.routing;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.gateway.keys.Authenticator;
import io.mosaic.gateway.keys.Caller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Every {@code /v1} request passes here first: request id, key, scope, rate limit; then the request is forwarded
 * to its service, or handed on to the gateway's own endpoints (keys, ops) with the {@link Caller} attached.
 */
@ApplicationScoped
public class FrontDoor {
    public static final String CALLER = "mosaic.caller";
    private static final Logger ACCESS = Logger.getLogger("io.mosaic.gateway.access");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Authenticator authenticator;
    private final TokenBuckets buckets;
    private final Downstreams downstreams;

    public FrontDoor(Authenticator authenticator, TokenBuckets buckets, Downstreams downstreams) {
        this.authenticator = authenticator;
        this.buckets = buckets;
        this.downstreams = downstreams;
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(-100).handler(this::handle);
    }

    public static Caller caller(RoutingContext context) {
        return context.get(CALLER);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = Optional.ofNullable(request.getHeader(PlatformHeaders.REQUEST_ID))
                .filter(id -> REQUEST_ID.matcher(id).matches())
                .orElseGet(FrontDoor::newRequestId);
        context.response().putHeader(PlatformHeaders.REQUEST_ID, requestId);
        long started = System.nanoTime();
        context.addEndHandler(done -> log(context, requestId, started));
        Optional<Route> route = Route.of(request.method().name(), request.path());
        if (route.isEmpty()) {
            context.next();
            return;
        }
        String key = presentedKey(request);
        Optional<Optional<Caller>> known = authenticator.cached(key);
        if (known.isPresent()) {
            request.pause();
            admit(context, route.get(), known.get(), requestId);
            return;
        }
        request.pause();
        context.vertx()
                .executeBlocking(() -> authenticator.authenticate(key), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        request.resume();
                        context.response().putHeader("Retry-After", "5");
                        Problems.send(
                                context.response(),
                                503,
                                "key-store-unavailable",
                                "Service unavailable",
                                "API keys cannot be checked right now; retry in a few seconds.");
                        return;
                    }
                    admit(context, route.get(), result.result(), requestId);
                });
    }

    private void admit(RoutingContext context, Route route, Optional<Caller> found, String requestId) {
        HttpServerRequest request = context.request();
        if (found.isEmpty()) {
            request.resume();
            context.response().putHeader("WWW-Authenticate", "Bearer");
            Problems.send(
                    context.response(),
                    401,
                    "unauthenticated",
                    "Unauthenticated",
                    "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            return;
        }
        Caller caller = found.get();
        context.put(CALLER, caller);
        if (!caller.may(route.scope())) {
            request.resume();
            Problems.send(
                    context.response(),
                    403,
                    "forbidden",
                    "Forbidden",
                    "This key lacks the scope '" + route.scope().wireName() + "'.");
            return;
        }
        long wait = buckets.take(caller.keyId(), System.nanoTime());
        if (wait > 0) {
            request.resume();
            context.response().putHeader("Retry-After", Long.toString(wait));
            Problems.send(
                    context.response(),
                    429,
                    "rate-limited",
                    "Too many requests",
                    "This key is over its rate limit; retry after " + wait + " s.");
            return;
        }
        if (route.service() == Route.Service.GATEWAY) {
            request.resume();
            context.next();
        } else {
            downstreams.forward(request, context.response(), route.service(), caller, requestId);
        }
    }

    private static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeader("X-API-Key");
    }

    /**
     * A random UUID for correlating logs, not a secret: drawn from the thread's own generator, since the secure
     * one that {@link UUID#randomUUID()} uses cost a noticeable share of the gateway's CPU per request.
     */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    /** One line per request; never a key, a token or a body. Built by hand: this runs for every request. */
    private static void log(RoutingContext context, String requestId, long started) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        Caller caller = caller(context);
        long micros = (System.nanoTime() - started) / 1_000;
        ACCESS.info(new StringBuilder(160)
                .append(context.request().method().name())
                .append(' ')
                .append(context.request().path())
                .append(' ')
                .append(context.response().getStatusCode())
                .append(' ')
                .append(micros / 1_000)
                .append('.')
                .append(micros % 1_000 / 100)
                .append("ms key=")
                .append(caller == null ? "-" : caller.keyId())
                .append(" tenant=")
                .append(caller == null ? "-" : caller.tenant())
                .append(" request=")
                .append(requestId)
                .toString());
    }
}
