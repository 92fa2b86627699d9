package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.keys.Scope;
import io.mosaic.gateway.routing.PublicRoutes.Matched;
import io.mosaic.gateway.routing.PublicRoutes.NoRoute;
import io.mosaic.gateway.routing.PublicRoutes.WrongMethod;
import org.junit.jupiter.api.Test;

class PublicRoutesTest {

    @Test
    void eachPathAndMethodTakesItsScope() {
        assertThat(scope("POST", "/v1/events/batch")).isEqualTo(Scope.EVENTS_WRITE);
        assertThat(scope("POST", "/v1/batch")).isEqualTo(Scope.EVENTS_WRITE);
        assertThat(scope("POST", "/v1/track")).isEqualTo(Scope.EVENTS_WRITE);
        assertThat(scope("GET", "/v1/profiles")).isEqualTo(Scope.PROFILES_READ);
        assertThat(scope("DELETE", "/v1/profiles/c-1")).isEqualTo(Scope.PROFILES_ERASE);
        assertThat(scope("HEAD", "/v1/profiles/c-1/timeline")).isEqualTo(Scope.PROFILES_READ);
        assertThat(scope("POST", "/v1/segments/preview")).isEqualTo(Scope.SEGMENTS_READ);
        assertThat(scope("PUT", "/v1/segments/vip")).isEqualTo(Scope.SEGMENTS_WRITE);
        assertThat(scope("GET", "/v1/ops/consumer-lag")).isEqualTo(Scope.OPS_READ);
        assertThat(scope("GET", "/v1/api-keys")).isEqualTo(Scope.ADMIN);
        assertThat(scope("GET", "/v1/ops/dead-letters")).isEqualTo(Scope.OPS_READ);
        assertThat(scope("POST", "/v1/destinations")).isEqualTo(Scope.DESTINATIONS_WRITE);
        assertThat(scope("POST", "/v1/destinations/d-1/replay")).isEqualTo(Scope.DESTINATIONS_WRITE);
        assertThat(scope("GET", "/v1/me")).as("any valid key").isNull();
    }

    @Test
    void theConsoleServesItsOwnFlatFilesAndItsTwoLibrariesOnly() {
        assertThat(PublicRoutes.resolve("GET", "/console")).isInstanceOf(PublicRoutes.ConsoleEntry.class);
        for (String path : new String[] {
            "/console/",
            "/console/app.js",
            "/console/console.css",
            "/_static/htm/3.1.1/preact/standalone.module.js",
            "/webjars/echarts/5.3.1/dist/echarts.esm.min.js"
        }) {
            assertThat(PublicRoutes.resolve("GET", path)).as(path).isInstanceOf(PublicRoutes.ConsoleFile.class);
            assertThat(PublicRoutes.resolve("HEAD", path)).as(path).isInstanceOf(PublicRoutes.ConsoleFile.class);
        }
        for (String path : new String[] {
            "/console/../q/dev",
            "/console/%2e%2e/x.js",
            "/console/sub/app.js",
            "/console/app.js/",
            "/console//app.js",
            "/console/App.js",
            "/console/app.jsp",
            "/console/.env",
            "/console/app.js;x",
            "/console/app.js%00.css",
            "/_static/htm/3.1.1/preact/index.js",
            "/webjars/echarts/5.3.1/dist/echarts.js",
            "/webjars/",
            "/META-INF/resources/console/app.js",
            "/consolex"
        }) {
            assertThat(PublicRoutes.resolve("GET", path)).as(path).isInstanceOf(NoRoute.class);
        }
        assertThat(PublicRoutes.resolve("POST", "/console/app.js")).isInstanceOf(WrongMethod.class);
    }

    @Test
    void everySpellingButTheCanonicalOneIsNoRoute() {
        for (String path : new String[] {
            "/v1//ops/consumer-lag",
            "/v1/ops/consumer-lag/",
            "/v1/./ops/consumer-lag",
            "/v1/x/../ops/consumer-lag",
            "/v1/%2e%2e/v1/ops/consumer-lag",
            "/v1/%6fps/consumer-lag",
            "/v1/ops%2Fconsumer-lag",
            "/v1/ops;x=1/consumer-lag",
            "/V1/OPS/CONSUMER-LAG",
            "/v1\\ops/consumer-lag",
            "/v1/profiles/%zz",
            "/v1/profiles/%C0%AF",
            "/v1/profiles/a%00b",
            "/v1/eventsx",
            "/",
            "/q/dev",
            "/q/arc"
        }) {
            assertThat(PublicRoutes.resolve("GET", path)).as(path).isInstanceOf(NoRoute.class);
        }
    }

    @Test
    void variablesAreDecodedOnceAndForwardedInOneSpelling() {
        Matched byEmail = (Matched) PublicRoutes.resolve("GET", "/v1/profiles/rina%40tokoku.id");
        assertThat(byEmail.path()).isEqualTo("/v1/profiles/rina@tokoku.id");
        assertThat(byEmail.variables()).containsExactly("rina@tokoku.id");
        Matched slash = (Matched) PublicRoutes.resolve("GET", "/v1/profiles/a%2Fb%20c%3Bd/timeline");
        assertThat(slash.path()).isEqualTo("/v1/profiles/a%2Fb%20c%3Bd/timeline");
        assertThat(slash.variables()).containsExactly("a/b c;d");
        Matched unicode = (Matched) PublicRoutes.resolve("GET", "/v1/segments/%73eg%C3%A9");
        assertThat(unicode.path()).isEqualTo("/v1/segments/seg%C3%A9");
        assertThat(unicode.variables()).containsExactly("segé");
        Matched plain = (Matched) PublicRoutes.resolve("GET", "/v1/profiles/cust-42_a.b~c");
        assertThat(plain.path()).isEqualTo("/v1/profiles/cust-42_a.b~c");
        assertThat(plain.variables()).containsExactly("cust-42_a.b~c");
        assertThat(((Matched) PublicRoutes.resolve("GET", "/v1/segments")).variables())
                .isEmpty();
        Matched quote = (Matched) PublicRoutes.resolve("GET", "/v1/profiles/o'hara!");
        assertThat(quote.path()).isEqualTo("/v1/profiles/o%27hara%21");
    }

    @Test
    void aKnownPathWithAnotherMethodNamesTheMethodsItTakes() {
        assertThat(PublicRoutes.resolve("POST", "/v1/ops/consumer-lag"))
                .isEqualTo(new WrongMethod(java.util.Set.of("GET", "HEAD")));
        assertThat(((WrongMethod) PublicRoutes.resolve("PATCH", "/v1/segments/vip")).allowed())
                .containsExactlyInAnyOrder("GET", "HEAD", "PUT", "DELETE");
        assertThat(PublicRoutes.resolve("POST", "/q/health")).isInstanceOf(WrongMethod.class);
        assertThat(PublicRoutes.resolve("GET", "/q/health/ready")).isInstanceOf(PublicRoutes.PlatformPath.class);
    }

    private static Scope scope(String method, String path) {
        return ((Matched) PublicRoutes.resolve(method, path)).route().scope();
    }
}
