package io.mosaic.gateway.routing;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.gateway.console.ConsoleAssets;
import io.mosaic.gateway.keys.Authenticator;
import io.mosaic.gateway.keys.Caller;
import io.mosaic.gateway.keys.FailedAttempts;
import io.mosaic.gateway.reads.ReadyProfiles;
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
 * Every request passes here first. Deny by default: a path that is no public route ({@link PublicRoutes}) is
 * refused with 404 before any resource sees it; health, metrics, OpenAPI and the console's files
 * ({@link ConsoleAssets}) pass without a key; a route is decided on the path's one canonical spelling, then key,
 * scope and rate limit are checked, and the request is forwarded to its service on that canonical path, answered
 * from the profile read model ({@link ReadyProfiles}), or handed on to the gateway's own endpoints (keys, ops) with
 * the {@link Caller} attached.
 */
@ApplicationScoped
public class FrontDoor {
    public static final String CALLER = "mosaic.caller";
    private static final String ROUTE = "mosaic.route";
    private static final Logger ACCESS = Logger.getLogger("io.mosaic.gateway.access");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Authenticator authenticator;
    private final FailedAttempts failedAttempts;
    private final TokenBuckets buckets;
    private final Downstreams downstreams;
    private final ReadyProfiles readyProfiles;

    public FrontDoor(
            Authenticator authenticator,
            FailedAttempts failedAttempts,
            TokenBuckets buckets,
            Downstreams downstreams,
            ReadyProfiles readyProfiles) {
        this.authenticator = authenticator;
        this.failedAttempts = failedAttempts;
        this.buckets = buckets;
        this.downstreams = downstreams;
        this.readyProfiles = readyProfiles;
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::handle);
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
        PublicRoutes.Resolution resolution =
                PublicRoutes.resolve(request.method().name(), request.path());
        if (resolution instanceof PublicRoutes.PlatformPath || resolution instanceof PublicRoutes.ConsoleFile) {
            context.next();
            return;
        }
        if (resolution instanceof PublicRoutes.ConsoleEntry) {
            context.response()
                    .setStatusCode(302)
                    .putHeader("Location", ConsoleAssets.INDEX)
                    .end();
            return;
        }
        if (!(resolution instanceof PublicRoutes.Matched matched)) {
            refuseUnrouted(context, resolution);
            return;
        }
        context.put(ROUTE, matched.route());
        String key = PresentedKey.of(request);
        request.pause();
        Optional<Optional<Caller>> known = authenticator.cached(key);
        if (known.isPresent() && known.get().isPresent()) {
            admit(context, matched, known.get().get(), requestId);
            return;
        }
        String address =
                request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
        long wait = authenticator.knowsKeyOf(key) ? 0 : failedAttempts.waitSeconds(address, System.nanoTime());
        if (wait > 0) {
            tooMany(
                    context,
                    wait,
                    "too-many-failed-keys",
                    "Too many refused keys from this address; retry after " + wait + " s with a valid key.");
            return;
        }
        if (known.isPresent()) {
            refuseKey(context, key, address);
            return;
        }
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
                    } else if (result.result().isEmpty()) {
                        refuseKey(context, key, address);
                    } else {
                        admit(context, matched, result.result().get(), requestId);
                    }
                });
    }

    /** 401; a key that was sent and refused counts against its address ({@link FailedAttempts}). */
    private void refuseKey(RoutingContext context, String key, String address) {
        if (key != null && !key.isBlank()) {
            failedAttempts.refused(address, System.nanoTime());
        }
        context.request().resume();
        context.response().putHeader("WWW-Authenticate", "Bearer, Basic realm=\"mosaic\"");
        Problems.send(
                context.response(),
                401,
                "unauthenticated",
                "Unauthenticated",
                "Send a valid API key as 'Authorization: Bearer <key>', as the user name of 'Authorization: Basic'"
                        + " or as 'X-API-Key: <key>'.");
    }

    private void admit(RoutingContext context, PublicRoutes.Matched matched, Caller caller, String requestId) {
        HttpServerRequest request = context.request();
        Route route = matched.route();
        context.put(CALLER, caller);
        if (route.scope() != null && !caller.may(route.scope())) {
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
            tooMany(context, wait, "rate-limited", "This key is over its rate limit; retry after " + wait + " s.");
            return;
        }
        Runnable forward = () ->
                downstreams.forward(request, context.response(), route.service(), matched.path(), caller, requestId);
        if (route.service() == Route.Service.GATEWAY) {
            request.resume();
            context.next();
        } else if (readyProfiles.mayServe(request.method().name(), route)) {
            readyProfiles.serve(request, context.response(), matched, caller.tenant(), forward);
        } else {
            forward.run();
        }
    }

    private static void tooMany(RoutingContext context, long waitSeconds, String slug, String detail) {
        context.request().resume();
        context.response().putHeader("Retry-After", Long.toString(waitSeconds));
        Problems.send(context.response(), 429, slug, "Too many requests", detail);
    }

    private static void refuseUnrouted(RoutingContext context, PublicRoutes.Resolution resolution) {
        if (resolution instanceof PublicRoutes.WrongMethod wrong) {
            context.response().putHeader("Allow", String.join(", ", wrong.allowed()));
            if (context.request().method().name().equals("OPTIONS")) {
                context.response().setStatusCode(204).end();
                return;
            }
            Problems.send(
                    context.response(),
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    "This path answers " + String.join(", ", wrong.allowed()) + " only.");
            return;
        }
        Problems.send(
                context.response(),
                404,
                "no-route",
                "Not found",
                "No such path in the Mosaic API; paths are written without double or trailing slashes, dot segments"
                        + " or matrix parameters (docs/API.md).");
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

    /**
     * One line per request, naming the route's template, never the path (customer ids can be e-mail addresses),
     * a key, a token or a body. Built by hand: this runs for every request.
     */
    private static void log(RoutingContext context, String requestId, long started) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        Caller caller = caller(context);
        Route route = context.get(ROUTE);
        long micros = (System.nanoTime() - started) / 1_000;
        ACCESS.info(new StringBuilder(160)
                .append(context.request().method().name())
                .append(' ')
                .append(route == null ? "(no route)" : route.template())
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
