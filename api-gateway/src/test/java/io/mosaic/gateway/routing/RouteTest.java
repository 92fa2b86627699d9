package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.keys.Scope;
import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void eachPathAndMethodTakesItsScope() {
        assertThat(Route.of("POST", "/v1/events/batch"))
                .contains(new Route(Route.Service.INGESTION, Scope.EVENTS_WRITE));
        assertThat(Route.of("GET", "/v1/profiles")).contains(new Route(Route.Service.PROFILE, Scope.PROFILES_READ));
        assertThat(Route.of("DELETE", "/v1/profiles/c-1"))
                .contains(new Route(Route.Service.PROFILE, Scope.PROFILES_ERASE));
        assertThat(Route.of("POST", "/v1/segments/preview"))
                .contains(new Route(Route.Service.SEGMENTATION, Scope.SEGMENTS_READ));
        assertThat(Route.of("PUT", "/v1/segments/vip"))
                .contains(new Route(Route.Service.SEGMENTATION, Scope.SEGMENTS_WRITE));
        assertThat(Route.of("GET", "/v1/ops/consumer-lag")).contains(new Route(Route.Service.GATEWAY, Scope.OPS_READ));
        assertThat(Route.of("GET", "/v1/api-keys")).contains(new Route(Route.Service.GATEWAY, Scope.ADMIN));
        assertThat(Route.of("GET", "/v1/eventsx")).isEmpty();
        assertThat(Route.of("GET", "/q/health")).isEmpty();
    }
}
