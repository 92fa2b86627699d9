package io.mosaic.gateway.routing;

import io.mosaic.gateway.keys.Scope;
import java.util.Optional;

/** Where a public path goes and which scope it takes (API.md). */
public record Route(Service service, Scope scope) {

    /** The service that answers; {@code GATEWAY} for the gateway's own endpoints. */
    public enum Service {
        INGESTION,
        PROFILE,
        SEGMENTATION,
        GATEWAY
    }

    public static Optional<Route> of(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (under(path, "/v1/events")) {
            return Optional.of(new Route(Service.INGESTION, Scope.EVENTS_WRITE));
        }
        if (under(path, "/v1/profiles")) {
            return Optional.of(
                    new Route(Service.PROFILE, method.equals("DELETE") ? Scope.PROFILES_ERASE : Scope.PROFILES_READ));
        }
        if (under(path, "/v1/segments")) {
            boolean preview = path.equals("/v1/segments/preview");
            return Optional.of(
                    new Route(Service.SEGMENTATION, read || preview ? Scope.SEGMENTS_READ : Scope.SEGMENTS_WRITE));
        }
        if (under(path, "/v1/ops")) {
            return Optional.of(new Route(Service.GATEWAY, Scope.OPS_READ));
        }
        if (under(path, "/v1/api-keys")) {
            return Optional.of(new Route(Service.GATEWAY, Scope.ADMIN));
        }
        return Optional.empty();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
