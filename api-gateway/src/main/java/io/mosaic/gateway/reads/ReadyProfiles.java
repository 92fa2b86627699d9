package io.mosaic.gateway.reads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.events.ProfileLookup;
import io.mosaic.gateway.GatewayConfig;
import io.mosaic.gateway.routing.Problems;
import io.mosaic.gateway.routing.PublicRoutes;
import io.mosaic.gateway.routing.Route;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Profile reads answered from the profile service's read model, without the hop to the service: the view
 * {@code profile.profile_read} holds every ready profile document under each key it is found by, so a read by id or
 * by identifier is one indexed lookup here, answered as the service answers it: the one profile it finds (200), or
 * none (404, the service's problem). The service still gets every other request: a shared identifier (409), a
 * malformed one (400), and any failure of this lookup (a missing view, an unreachable database), which therefore
 * costs a second query, never a wrong answer. Both parse the read with {@link ProfileLookup}.
 */
@ApplicationScoped
public class ReadyProfiles {
    static final String FIND =
            "select document from profile.profile_read where tenant = $1 and kind = $2 and value = $3 limit 2";
    /** No key the read model holds is longer (ids 128, emails 254, external ids system:id); longer ones go on. */
    private static final int MAX_KEY_LENGTH = 400;
    /**
     * Lookups waiting at once, for connections or answers; past it, and past the time below, reads go to the
     * service, so a slow or unreachable database never holds a read longer than this.
     */
    static final int MAX_IN_FLIGHT = 512;

    static final long TIMEOUT_MILLIS = 1_000;

    private static final Logger LOG = Logger.getLogger(ReadyProfiles.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final Pool pool;
    private final Vertx vertx;
    private final boolean enabled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter answeredHere;
    private final Counter answeredByTheService;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public ReadyProfiles(
            @ReactiveDataSource("profiles") Pool pool, Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.answeredHere = reads(registry, "gateway");
        this.answeredByTheService = reads(registry, "profile-service");
        this.enabled = config.gateway().profileReads().enabled();
    }

    /** Whether a request of this route may be answered here: a GET of one profile, by id or by identifier. */
    public boolean mayServe(String method, Route route) {
        return enabled
                && method.equals("GET")
                && route.service() == Route.Service.PROFILE
                && route.method().equals("GET")
                && (route.template().equals("/v1/profiles") || route.template().equals("/v1/profiles/{customerId}"));
    }

    /**
     * Answers the (paused) request with the one profile it finds, or runs {@code forward} to let the service
     * answer it.
     */
    public void serve(
            HttpServerRequest request,
            HttpServerResponse response,
            PublicRoutes.Matched matched,
            String tenant,
            Runnable forward) {
        ProfileLookup lookup = lookup(request, matched);
        Runnable toTheService = () -> {
            answeredByTheService.increment();
            forward.run();
        };
        if (!isStoredKey(lookup) || !admitted()) {
            toTheService.run();
            return;
        }
        AtomicBoolean decided = new AtomicBoolean();
        long timer = vertx.setTimer(TIMEOUT_MILLIS, late -> {
            if (decided.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                warn(new TimeoutException("no answer within " + TIMEOUT_MILLIS + " ms"));
                toTheService.run();
            }
        });
        pool.preparedQuery(FIND)
                .execute(Tuple.of(tenant, lookup.kind(), lookup.value()))
                .onComplete(result -> {
                    if (!decided.compareAndSet(false, true)) {
                        return; // timed out: the service has the read
                    }
                    vertx.cancelTimer(timer);
                    inFlight.decrementAndGet();
                    if (result.succeeded() && result.result().size() <= 1) {
                        answeredHere.increment();
                        answer(request, response, lookup, result.result());
                        return;
                    }
                    if (result.failed()) {
                        warn(result.cause());
                    }
                    toTheService.run();
                });
    }

    /** {@code mosaic_gateway_profile_reads_total{answered}}: how many reads each side answered. */
    private static Counter reads(MeterRegistry registry, String answeredBy) {
        return Counter.builder("mosaic.gateway.profile.reads")
                .description("Profile reads by id or identifier, by who answered them")
                .tag("answered", answeredBy)
                .register(registry);
    }

    private static boolean isStoredKey(ProfileLookup lookup) {
        return lookup != null
                && lookup.value().length() <= MAX_KEY_LENGTH
                && lookup.value().indexOf('\0') < 0;
    }

    private boolean admitted() {
        if (inFlight.incrementAndGet() <= MAX_IN_FLIGHT) {
            return true;
        }
        inFlight.decrementAndGet();
        return false;
    }

    private static ProfileLookup lookup(HttpServerRequest request, PublicRoutes.Matched matched) {
        if (!matched.variables().isEmpty()) {
            return ProfileLookup.byId(matched.variables().get(0));
        }
        try {
            return ProfileLookup.byIdentifier(request::getParam);
        } catch (ProfileLookup.Invalid invalid) {
            return null; // the service answers the 400
        }
    }

    /**
     * The profile found, or the profile service's 404 in its words: a read of a customer not yet (or no longer) in
     * the read model, common while a new customer's first events are on their way, then costs one lookup, not two.
     */
    private static void answer(
            HttpServerRequest request, HttpServerResponse response, ProfileLookup lookup, RowSet<Row> rows) {
        request.resume();
        if (rows.size() == 0) {
            String detail = lookup.kind().equals("id")
                    ? "No customer '" + lookup.value() + "'."
                    : "No customer with this " + lookup.field() + ".";
            Problems.send(response, 404, "not-found", "Not found", detail);
            return;
        }
        response.setStatusCode(200)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(rows.iterator().next().getString(0));
    }

    /** At most once a minute, and without the key looked for: it can be an email address or a phone number. */
    private void warn(Throwable cause) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf(
                    "Profile reads go to the profile service: the read model cannot be read (%s). Check the"
                            + " gateway's profiles datasource (GATEWAY_PROFILES_DB_URL) and that the profile service"
                            + " has migrated its schema (view profile.profile_read).",
                    cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
