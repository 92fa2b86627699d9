package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.key;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A webhook end to end: a purchase through the gateway puts a customer into a segment, the segmentation topology
 * publishes the change, and the destination made through the gateway receives it signed with its secret, with the
 * profile fields it asked for read from the profile service.
 */
@ExtendWith(Platform.class)
class DestinationsIT {

    @Test
    void aCustomerEnteringASegmentReachesTheTenantsReceiverSigned() throws Exception {
        String tenant = newTenant();
        String key = key(tenant, "events:write", "destinations:write", "segments:write", "profiles:read");
        as(key(tenant, "segments:read")).get("/v1/destinations").then().statusCode(403);

        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Map.of(
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "timestamp", exchange.getRequestHeaders().getFirst("Mosaic-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("Mosaic-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Api.createBuyersSegment(key);
            JsonPath destination = as(key).body(Map.of(
                            "name",
                            "helpdesk",
                            "url",
                            url,
                            "segments",
                            List.of("buyers"),
                            "changes",
                            List.of("entered"),
                            "include",
                            List.of("traits.geographic.city", "identifiers.emails")))
                    .post("/v1/destinations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            as(key).body(Map.of("name", "inside", "url", "https://10.0.0.7/hook"))
                    .post("/v1/destinations")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("url"));

            // the profile first, then the purchase that makes a buyer: the delivery reads the profile as it is then
            send(key, List.of(Api.identified("c-1", Instant.now(), "c1@tokoku.id", "Bandung", Map.of())));
            awaitBody(
                    key, "/v1/profiles/c-1", profile -> "Bandung".equals(profile.getString("traits.geographic.city")));
            send(key, List.of(Api.purchase("c-1", Instant.now(), 150_000, null)));

            await().atMost(Api.EVENTUALLY).until(() -> !received.isEmpty());
            Map<String, String> delivery = received.get(0);
            JsonPath body = new JsonPath(delivery.get("body"));
            assertThat(body.getString("type")).isEqualTo("segment.entered");
            assertThat(body.getString("customerId")).isEqualTo("c-1");
            assertThat(body.getString("segment.id")).isEqualTo("buyers");
            assertThat(body.getString("profile.traits.geographic.city")).isEqualTo("Bandung");
            assertThat(body.getList("profile.identifiers.emails")).containsExactly("c1@tokoku.id");
            assertThat(delivery.get("signature"))
                    .isEqualTo(signature(
                            destination.getString("secret"), delivery.get("timestamp"), delivery.get("body")));
            awaitBody(
                    key,
                    "/v1/destinations/" + destination.getString("id") + "/deliveries",
                    log -> "delivered".equals(log.getString("items[0].status")));
        } finally {
            receiver.stop(0);
        }
    }

    private static String signature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
