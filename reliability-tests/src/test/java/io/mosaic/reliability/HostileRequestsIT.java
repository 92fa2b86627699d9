package io.mosaic.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.testing.MosaicServices;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile paths, query parameters and headers on every route family of the public API: never a 500, never a
 * stack trace; oversized requests refused before any service code runs, and the services stay up.
 */
@ExtendWith(Platform.class)
class HostileRequestsIT {
    private static String key;

    @BeforeAll
    static void tenantWithEveryScope() {
        key = Client.fullKey(Client.newTenant("hostile-requests"));
    }

    @Test
    void hostileQueryParametersAndPathsAreRefusedCleanly() {
        List<Function<String, String>> routes = List.of(
                value -> "/v1/profiles/" + value,
                value -> "/v1/profiles?email=" + value,
                value -> "/v1/profiles?phone=" + value,
                value -> "/v1/profiles?externalId=" + value,
                value -> "/v1/profiles/c-1/timeline?limit=" + value,
                value -> "/v1/profiles/c-1/timeline?before=" + value,
                value -> "/v1/segments/" + value,
                value -> "/v1/segments/vip/members?cursor=" + value,
                value -> "/v1/segments/vip/members?limit=" + value,
                value -> "/v1/segments/" + value + "/insights");
        int requests = 0;
        for (Function<String, String> route : routes) {
            for (String hostile : Refusals.HOSTILE_STRINGS) {
                String value = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
                Response response = Refusals.orClosed(() -> given().urlEncodingEnabled(false)
                        .header("Authorization", "Bearer " + key)
                        .get(route.apply(value)));
                requests++;
                if (response == null) {
                    // refused at the HTTP layer: the server answered 414 and closed while the client still wrote
                    assertThat(value.length()).as(route.apply("…") + " closed").isGreaterThan(8_192);
                    continue;
                }
                assertThat(response.statusCode()).as(route.apply("…")).isIn(200, 400, 404, 409, 414, 431);
                Refusals.assertNoInternals(response, route.apply(Refusals.abbreviated(hostile)));
            }
        }
        Report.hostile(new Report.Hostile(
                "Hostile path segments and query parameters",
                "the same strings in profile ids, lookups, timeline paging, segment ids, member cursors and limits",
                requests,
                "200/404 for lookups that are merely unknown, 400/414 problem+json otherwise; no 500"));
    }

    @Test
    void headerFloodsAreRefusedAndTheServicesStayUp() throws Exception {
        int requests = 0;
        RequestSpecification many = Client.as(key);
        for (int i = 0; i < 2_000; i++) {
            many = many.header("X-Flood-" + i, "v".repeat(50));
        }
        RequestSpecification flood = many;
        Refusals.assertRefusedOrClosed(Refusals.orClosed(() -> flood.get("/v1/segments")), "2,000 headers");
        requests++;
        Refusals.assertRefusedOrClosed(
                Refusals.orClosed(() ->
                        Client.as(key).header("X-Huge", "h".repeat(200_000)).get("/v1/segments")),
                "a 200 KB header");
        requests++;
        Refusals.assertRefusedOrClosed(
                Refusals.orClosed(() -> given().header("Authorization", "Bearer " + "k".repeat(60_000))
                        .get("/v1/segments")),
                "a 60 KB key");
        requests++;

        MosaicServices services = Platform.get().services();
        for (String module : MosaicServices.MODULES) {
            assertThat(services.instance(module).isReady())
                    .as(module + " ready after the fuzz")
                    .isTrue();
            double heap = services.instance(module)
                    .metrics("jvm_memory_used_bytes{area=\"heap\"")
                    .lines()
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            assertThat(heap).as(module + " heap in use after the fuzz").isLessThan(512.0 * 1024 * 1024);
        }
        Report.hostile(new Report.Hostile(
                "Header floods",
                "2,000 headers; one 200 KB header; a 60 KB API key",
                requests,
                "431/400 before any service code runs, or the connection closed while the client still sent;"
                        + " all four services ready afterwards, each heap under its 512 MiB limit"));
    }
}
