package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.key;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.local.DemoHistory;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console at {@code /console} in a real browser: Debian's headless Chromium, driven by Playwright from
 * {@code src/test/node/console/console.mjs}, against the platform holding the demo shop's history (the data
 * {@code ./mosaic demo} streams). The script signs in with the keyboard, opens a segment and its insight charts,
 * pages its members, looks a customer up by e-mail, previews a rule, makes a webhook destination and sends it a test
 * event (to a receiver here), and reads consumer lag with the ops key; every
 * page is checked with axe-core. What it must see is read here from the API first. Screenshots:
 * {@code target/console-screenshots/}.
 */
@ExtendWith(Platform.class)
class ConsoleIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final int CUSTOMERS = 300;

    @Test
    void theConsoleShowsSegmentsProfilesAndLagInARealBrowser() throws Exception {
        String tenant = newTenant();
        String key =
                key(tenant, "events:write", "profiles:read", "segments:read", "segments:write", "destinations:write");
        Api.createBuyersSegment(key);
        List<Map<String, Object>> events = new DemoHistory(CUSTOMERS, Instant.now(), 2026).events();
        for (int from = 0; from < events.size(); from += 500) {
            send(key, events.subList(from, Math.min(events.size(), from + 500)));
        }
        awaitBody(Platform.ADMIN_KEY, "/v1/ops/consumer-lag", Api::caughtUp);
        JsonPath segment = awaitBody(key, "/v1/segments/buyers", body -> body.getLong("size") > 20);
        JsonPath profile =
                awaitBody(key, "/v1/profiles/cust-0007", body -> body.getString("traits.geographic.city") != null);
        String city = profile.getString("traits.geographic.city");
        long previewSize = as(key).body(Map.of("rule", Map.of("trait", "geographic.city", "op", "eq", "value", city)))
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("size");
        assertThat(previewSize).isPositive();

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("MOSAIC_URL", Platform.gateway());
        inputs.put("TENANT_KEY", key);
        inputs.put("OPS_KEY", Platform.ADMIN_KEY);
        inputs.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        inputs.put("SEGMENT_NAME", "Buyers");
        inputs.put("SEGMENT_SIZE", Long.toString(segment.getLong("size")));
        inputs.put("EMAIL", profile.getString("identifiers.emails[0]"));
        inputs.put("CUSTOMER", "cust-0007");
        inputs.put("CITY", city);
        inputs.put("PREVIEW_SIZE", Long.toString(previewSize));
        java.util.concurrent.atomic.AtomicInteger webhooks = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhooks.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        inputs.put("RECEIVER_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        NodeScript browser =
                NodeScript.install("console", "playwright-core", "package.json", "package-lock.json", "console.mjs");
        Files.createDirectories(SCREENSHOTS);

        String output;
        try {
            output = browser.run(List.of("node", "console.mjs"), inputs, Duration.ofMinutes(5));
        } finally {
            receiver.stop(0);
        }
        assertThat(webhooks.get())
                .as("the console's test event reached the receiver")
                .isPositive();
        assertThat(output).contains("console: every step passed");
        for (String page : List.of("segments", "segment", "profile", "editor", "destinations", "operations")) {
            assertThat(SCREENSHOTS.resolve(page + ".png")).isNotEmptyFile();
        }
    }
}
