package io.mosaic.gateway.routing;

import io.mosaic.gateway.console.ConsoleAssets;
import io.mosaic.gateway.keys.Scope;
import io.mosaic.gateway.routing.Route.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every route the public API has (docs/API.md), and nothing else: a request that matches none of them is refused
 * before it reaches any resource. {@code HEAD} is served wherever {@code GET} is.
 */
public final class PublicRoutes {
    public static final List<Route> ALL = List.of(
            new Route("POST", "/v1/events", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/events/batch", Service.INGESTION, Scope.EVENTS_WRITE),
            // The Segment Spec's HTTP Tracking API, for Segment's and RudderStack's SDKs (docs/SEGMENT.md).
            new Route("POST", "/v1/batch", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/identify", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/track", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/page", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/screen", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/group", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("POST", "/v1/alias", Service.INGESTION, Scope.EVENTS_WRITE),
            new Route("GET", "/v1/profiles", Service.PROFILE, Scope.PROFILES_READ),
            new Route("GET", "/v1/profiles/{customerId}", Service.PROFILE, Scope.PROFILES_READ),
            new Route("DELETE", "/v1/profiles/{customerId}", Service.PROFILE, Scope.PROFILES_ERASE),
            new Route("GET", "/v1/profiles/{customerId}/timeline", Service.PROFILE, Scope.PROFILES_READ),
            new Route("GET", "/v1/segments", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            new Route("POST", "/v1/segments", Service.SEGMENTATION, Scope.SEGMENTS_WRITE),
            new Route("POST", "/v1/segments/preview", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            new Route("GET", "/v1/segments/{id}", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            new Route("PUT", "/v1/segments/{id}", Service.SEGMENTATION, Scope.SEGMENTS_WRITE),
            new Route("DELETE", "/v1/segments/{id}", Service.SEGMENTATION, Scope.SEGMENTS_WRITE),
            new Route("GET", "/v1/segments/{id}/members", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            new Route("GET", "/v1/segments/{id}/insights", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            new Route("GET", "/v1/segments/{id}/history", Service.SEGMENTATION, Scope.SEGMENTS_READ),
            // Webhooks: a tenant's destinations and their deliveries (docs/DESTINATIONS.md).
            new Route("GET", "/v1/destinations", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("POST", "/v1/destinations", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("GET", "/v1/destinations/{id}", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("PUT", "/v1/destinations/{id}", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("DELETE", "/v1/destinations/{id}", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("GET", "/v1/destinations/{id}/deliveries", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("POST", "/v1/destinations/{id}/replay", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("POST", "/v1/destinations/{id}/test", Service.SEGMENTATION, Scope.DESTINATIONS_WRITE),
            new Route("GET", "/v1/ops/consumer-lag", Service.GATEWAY, Scope.OPS_READ),
            new Route("GET", "/v1/ops/health", Service.GATEWAY, Scope.OPS_READ),
            new Route("GET", "/v1/ops/dead-letters", Service.GATEWAY, Scope.OPS_READ),
            // Who the presented key is (tenant, scopes): any valid key may ask, so the console can show what it may.
            new Route("GET", "/v1/me", Service.GATEWAY, null),
            new Route("POST", "/v1/api-keys", Service.GATEWAY, Scope.ADMIN),
            new Route("GET", "/v1/api-keys", Service.GATEWAY, Scope.ADMIN),
            new Route("DELETE", "/v1/api-keys/{id}", Service.GATEWAY, Scope.ADMIN));

    /** Paths under {@code /q} that are public: health, metrics and the OpenAPI document, read only. */
    static final Set<String> PLATFORM_PATHS =
            Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi");

    private PublicRoutes() {}

    /** What a request's method and path resolve to. */
    public sealed interface Resolution {}

    /**
     * A public route, the canonical path that is forwarded and authorised, and the decoded values of the
     * template's variables in order.
     */
    public record Matched(Route route, String path, List<String> variables) implements Resolution {}

    /** The path exists, the method does not: 405 with {@code Allow}. */
    public record WrongMethod(Set<String> allowed) implements Resolution {}

    /** A health, metrics or OpenAPI path: served without a key. */
    public record PlatformPath() implements Resolution {}

    /** A file of the console or one of its libraries: served without a key, GET and HEAD only. */
    public record ConsoleFile() implements Resolution {}

    /** {@code /console} itself: redirected to the console's index. */
    public record ConsoleEntry() implements Resolution {}

    /** Nothing public: 404. */
    public record NoRoute() implements Resolution {}

    public static Resolution resolve(String method, String rawPath) {
        if (PLATFORM_PATHS.contains(rawPath)) {
            return method.equals("GET") || method.equals("HEAD")
                    ? new PlatformPath()
                    : new WrongMethod(Set.of("GET", "HEAD"));
        }
        if (rawPath.equals(ConsoleAssets.ENTRY) || ConsoleAssets.isAsset(rawPath)) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return new WrongMethod(Set.of("GET", "HEAD"));
            }
            return rawPath.equals(ConsoleAssets.ENTRY) ? new ConsoleEntry() : new ConsoleFile();
        }
        Optional<RequestPath> path = RequestPath.parse(rawPath);
        if (path.isEmpty()) {
            return new NoRoute();
        }
        String effective = method.equals("HEAD") ? "GET" : method;
        Set<String> allowed = new LinkedHashSet<>();
        List<Matched> matches = new ArrayList<>();
        for (Route route : ALL) {
            String canonical = route.canonical(path.get());
            if (canonical != null) {
                allowed.add(route.method());
                if (route.method().equals(effective)) {
                    matches.add(new Matched(route, canonical, List.of()));
                }
            }
        }
        if (!matches.isEmpty()) {
            Matched best = mostLiteral(matches);
            return new Matched(best.route(), best.path(), best.route().values(path.get()));
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
    }

    /** {@code /v1/segments/preview} before {@code /v1/segments/{id}}: the template with fewer variables wins. */
    private static Matched mostLiteral(List<Matched> matches) {
        Matched best = matches.get(0);
        for (Matched match : matches) {
            if (match.route().variables() < best.route().variables()) {
                best = match;
            }
        }
        return best;
    }
}
