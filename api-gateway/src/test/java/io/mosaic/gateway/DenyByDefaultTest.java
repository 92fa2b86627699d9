package io.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every public route, spelled every way a path can be bent, with no key, a key without the route's scope and
 * another tenant's key with every scope: never a 5xx, never a 2xx without the scope, and a 2xx for another tenant
 * only about that tenant's own data, on the canonical path.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(value = StubServices.class, initArgs = @ResourceArg(name = "profile", value = "up"))
class DenyByDefaultTest extends GatewayTestBase {
    private static final List<String[]> ROUTES = List.of(
            new String[] {"POST", "/v1/events", "events:write"},
            new String[] {"POST", "/v1/events/batch", "events:write"},
            new String[] {"POST", "/v1/batch", "events:write"},
            new String[] {"POST", "/v1/identify", "events:write"},
            new String[] {"POST", "/v1/track", "events:write"},
            new String[] {"POST", "/v1/page", "events:write"},
            new String[] {"POST", "/v1/screen", "events:write"},
            new String[] {"POST", "/v1/group", "events:write"},
            new String[] {"POST", "/v1/alias", "events:write"},
            new String[] {"GET", "/v1/profiles", "profiles:read"},
            new String[] {"GET", "/v1/profiles/c-1", "profiles:read"},
            new String[] {"DELETE", "/v1/profiles/c-1", "profiles:erase"},
            new String[] {"GET", "/v1/profiles/c-1/timeline", "profiles:read"},
            new String[] {"GET", "/v1/segments", "segments:read"},
            new String[] {"POST", "/v1/segments", "segments:write"},
            new String[] {"POST", "/v1/segments/preview", "segments:read"},
            new String[] {"GET", "/v1/segments/vip", "segments:read"},
            new String[] {"PUT", "/v1/segments/vip", "segments:write"},
            new String[] {"DELETE", "/v1/segments/vip", "segments:write"},
            new String[] {"GET", "/v1/segments/vip/members", "segments:read"},
            new String[] {"GET", "/v1/segments/vip/insights", "segments:read"},
            new String[] {"GET", "/v1/ops/consumer-lag", "ops:read"},
            new String[] {"GET", "/v1/ops/health", "ops:read"},
            new String[] {"POST", "/v1/api-keys", "admin"},
            new String[] {"GET", "/v1/api-keys", "admin"},
            new String[] {"DELETE", "/v1/api-keys/victimkey001", "admin"});

    private static final List<String> ALL_TENANT_SCOPES =
            List.of("events:write", "profiles:read", "profiles:erase", "segments:read", "segments:write", "admin");

    @Test
    void noSpellingOfAnyRouteGivesWhatTheKeyMayNotHave() {
        int port = RestAssured.port;
        String victimAdmin = key(tenant, "admin");
        String other = "o-" + tenant;
        String otherKey = key(other, ALL_TENANT_SCOPES.toArray(String[]::new));
        List<String> faults = new ArrayList<>();
        int requests = 0;
        for (String[] route : ROUTES) {
            String method = route[0];
            String scope = route[2];
            String wrongScope = key(tenant, scope.equals("events:write") ? "segments:read" : "events:write");
            for (String target : variants(route[1], port)) {
                for (String[] caller :
                        new String[][] {{"none", null}, {"wrong-scope", wrongScope}, {"other", otherKey}}) {
                    RawHttp.Answer answer = RawHttp.send(port, method, target, caller[1]);
                    requests++;
                    String seen = method + " " + target + " as " + caller[0] + " -> " + answer.status();
                    if (answer.status() >= 500) {
                        faults.add(seen + " (5xx)");
                    } else if (answer.status() < 300 && !caller[0].equals("other")) {
                        faults.add(seen + " (2xx without the key's right)");
                    } else if (answer.status() < 300 && !ownDataOnly(answer, other, route[1])) {
                        faults.add(seen + " (another tenant's data or a bent path): " + answer.body());
                    }
                }
            }
        }
        assertThat(faults).as("of %d requests", requests).isEmpty();
        assertThat(requests).isGreaterThan(ROUTES.size() * 12 * 3 - 1);
        RawHttp.Answer stillThere = RawHttp.send(port, "GET", "/v1/api-keys", victimAdmin);
        assertThat(stillThere.status()).isEqualTo(200);
    }

    @Test
    void theBypassesThatWereFoundAreClosed() {
        int port = RestAssured.port;
        for (String target : List.of("/v1//ops/consumer-lag", "/v1/%6fps/consumer-lag", "/v1//api-keys")) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", target, null);
            assertThat(answer.status()).as(target).isEqualTo(404);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(RawHttp.send(port, "GET", "/v1/ops/consumer-lag", null).status())
                .isEqualTo(401);
    }

    @Test
    void onlyHealthMetricsAndOpenApiAreServedOutsideTheApi() {
        int port = RestAssured.port;
        for (String open : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            assertThat(RawHttp.send(port, "GET", open, null).status()).as(open).isEqualTo(200);
        }
        for (String closed : List.of(
                "/",
                "/q",
                "/q/dev-ui",
                "/q/arc/beans",
                "/q/health/../arc",
                "/q//health",
                "/favicon.ico",
                "/v2/segments",
                "/q/swagger-ui")) {
            assertThat(RawHttp.send(port, "GET", closed, null).status())
                    .as(closed)
                    .isEqualTo(404);
        }
    }

    /** The answer is the stub's echo for {@code tenant} on the canonical path, or the gateway's own about it. */
    private static boolean ownDataOnly(RawHttp.Answer answer, String tenant, String canonical) {
        if ("stub".equals(answer.header("X-Downstream"))) {
            Map<String, Object> seen =
                    io.restassured.path.json.JsonPath.from(answer.body()).getMap("");
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) seen.get("headers");
            return tenant.equals(headers.get("x-mosaic-tenant")) && canonical.equals(seen.get("path"));
        }
        if (canonical.equals("/v1/api-keys")) {
            return !answer.body().contains("\"tenant\":\"t-") && answer.body().contains(tenant);
        }
        return false;
    }

    /** The canonical target and eleven bent spellings of it. */
    private static List<String> variants(String path, int port) {
        String rest = path.substring("/v1/".length());
        int slash = rest.indexOf('/');
        String resource = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        List<String> variants = new ArrayList<>();
        variants.add(path);
        variants.add("/v1//" + rest);
        variants.add(path + "/");
        variants.add("/v1/./" + rest);
        variants.add("/v1/x/../" + rest);
        variants.add("/v1/%2e%2e/v1/" + rest);
        variants.add(
                String.format(Locale.ROOT, "/v1/%%%02x%s%s", (int) resource.charAt(0), resource.substring(1), tail));
        variants.add("/v1/" + resource + (tail.isEmpty() ? "%2F" : "%2F" + tail.substring(1)));
        variants.add("/v1/" + resource + ";x=1" + tail);
        variants.add(path.toUpperCase(Locale.ROOT));
        variants.add("/v1\\" + rest);
        variants.add("http://localhost:" + port + path);
        return variants;
    }
}
