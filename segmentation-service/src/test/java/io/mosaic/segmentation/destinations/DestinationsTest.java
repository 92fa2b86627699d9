package io.mosaic.segmentation.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Topics;
import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against real receivers on loopback (allowed in the test profile; retries there start at 100 ms, cap at
 * 1 s and give up after 20 s): segment changes written to the real topic, consumed, queued in PostgreSQL and sent.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(io.mosaic.testing.FreshStateDirectory.class)
@WithTestResource(StubProfileService.class)
class DestinationsTest extends SegmentationTestBase {
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void aDestinationIsValidatedAndItsSecretShownOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath created = create(Map.of("name", "helpdesk", "url", receiver.url(), "segments", List.of("vip")));
            String id = created.getString("id");
            assertThat(created.getString("secret")).startsWith("whsec_");
            assertThat(created.getList("changes")).containsExactly("entered", "exited");
            api().get("/v1/destinations/" + id).then().statusCode(200).body("secret", nullValue());
            api().get("/v1/destinations").then().statusCode(200).body("items[0].id", equalTo(id));
            String rotated = api().body(Map.of("name", "helpdesk", "url", receiver.url(), "rotateSecret", true))
                    .put("/v1/destinations/" + id)
                    .then()
                    .statusCode(200)
                    .body("segments", nullValue())
                    .extract()
                    .path("secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.getString("secret"));

            refused(Map.of("name", "x", "url", "http://10.0.0.5/hook"), "url");
            refused(Map.of("name", "x", "url", "https://169.254.169.254/latest/meta-data"), "url");
            refused(Map.of("name", "x", "url", "ftp://127.0.0.1/hook"), "url");
            refused(Map.of("name", "x", "url", "http://user:pw@127.0.0.1/hook"), "url");
            refused(Map.of("url", receiver.url()), "name");
            refused(Map.of("name", "x", "url", receiver.url(), "changes", List.of("moved")), "changes");
            refused(Map.of("name", "x", "url", receiver.url(), "segments", List.of("Not An Id")), "segments[0]");
            api().get("/v1/destinations/00000000-0000-0000-0000-000000000000")
                    .then()
                    .statusCode(404);
            api().get("/v1/destinations/not-a-uuid").then().statusCode(404);
            io.restassured.RestAssured.given()
                    .header(io.mosaic.events.PlatformHeaders.INTERNAL_TOKEN, "test-internal-token")
                    .header(io.mosaic.events.PlatformHeaders.TENANT, "another-tenant")
                    .get("/v1/destinations/" + id)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void everyWantedChangeArrivesSignedOnceAndInOrderPerCustomer() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath destination =
                    create(Map.of("name", "crm", "url", receiver.url(), "segments", List.of("vip", "at-risk")));
            receiver.secret(destination.getString("secret"));
            List<SegmentChange> changes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                changes.add(change(tenant, "c-1", "vip", i % 2 == 0, i));
                changes.add(change(tenant, "c-2", "at-risk", i % 2 == 0, i));
            }
            changes.add(change(tenant, "c-1", "new-customers", true, 9)); // a segment it does not want
            changes.add(change("another-tenant", "c-1", "vip", true, 9)); // another tenant's
            publish(changes);

            await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 6);
            List<Receiver.Request> received = receiver.received();
            assertThat(received).hasSize(6).allMatch(Receiver.Request::signed);
            assertThat(types(received, "c-1")).containsExactly("segment.entered", "segment.exited", "segment.entered");
            assertThat(types(received, "c-2")).containsExactly("segment.entered", "segment.exited", "segment.entered");
            assertThat(received).extracting(Receiver.Request::deliveryId).doesNotHaveDuplicates();
            JsonNode first = EventJson.mapper().readTree(received.get(0).body());
            assertThat(first.path("tenant").asText()).isEqualTo(tenant);
            assertThat(first.path("id").asText()).isEqualTo(received.get(0).deliveryId());

            JsonPath log = deliveries(destination.getString("id"), 6, "delivered");
            assertThat(log.getList("items.attempts", Integer.class)).containsOnly(1);
            assertThat(log.getList("items.lastStatus", Integer.class)).containsOnly(200);
            assertThat(metric("mosaic_destination_deliveries_total", destination.getString("id"), "delivered"))
                    .isEqualTo(6.0);
        }
    }

    @Test
    void failuresAreRetriedUntilTheReceiverTakesTheDelivery() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath destination = create(Map.of("name", "flaky", "url", receiver.url()));
            receiver.secret(destination.getString("secret"));
            receiver.then(
                    Receiver.Answer.status(500),
                    Receiver.Answer.status(0), // the connection dropped without an answer
                    new Receiver.Answer(429, 0, Map.of("Retry-After", "1")),
                    new Receiver.Answer(200, 2_500, Map.of())); // slower than the 2 s timeout
            publish(List.of(change(tenant, "c-1", "vip", true, 0)));

            await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 2);
            JsonPath log = deliveries(destination.getString("id"), 1, "delivered");
            assertThat(log.getInt("items[0].attempts")).isEqualTo(5);
            assertThat(receiver.attempts()).isEqualTo(5);
            // the slow answer came after the sender gave up on it: received twice, one delivery id to dedupe on
            assertThat(receiver.received())
                    .extracting(Receiver.Request::deliveryId)
                    .containsOnly(log.getString("items[0].id"));
            assertThat(metric("mosaic_destination_deliveries_total", destination.getString("id"), "failed"))
                    .isEqualTo(4.0);
        }
    }

    @Test
    void theProfileFieldsADestinationWantsAreReadWhenItIsSent() throws Exception {
        try (Receiver receiver = new Receiver()) {
            refused(Map.of("name", "x", "url", receiver.url(), "include", List.of("password")), "include[0]");
            refused(Map.of("name", "x", "url", receiver.url(), "include", List.of("traits..city")), "include[0]");
            JsonPath destination = create(Map.of(
                    "name",
                    "crm",
                    "url",
                    receiver.url(),
                    "include",
                    List.of("traits.geographic.city", "behavior.rfm.score", "identifiers.emails", "traits.nothing")));
            assertThat(destination.getList("include")).hasSize(4);
            publish(List.of(
                    change(tenant, "known-1", "vip", true, 0),
                    change(tenant, "gone-1", "vip", true, 0),
                    change(tenant, "down-1", "vip", true, 0)));

            await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 2);
            JsonNode known = body(receiver, "known-1");
            assertThat(known.path("profile").toString())
                    .isEqualTo(
                            "{\"traits\":{\"geographic\":{\"city\":\"Bandung\"}},\"behavior\":{\"rfm\":{\"score\":13}},"
                                    + "\"identifiers\":{\"emails\":[\"rina@tokoku.id\"]}}");
            assertThat(body(receiver, "gone-1").path("profile").isNull())
                    .as("no profile (erased): sent without one")
                    .isTrue();
            JsonPath log = deliveries(destination.getString("id"));
            int downAttempts = await().atMost(EVENTUALLY)
                    .until(
                            () -> attemptsOf(deliveries(destination.getString("id")), "down-1"),
                            attempts -> attempts >= 2);
            assertThat(downAttempts)
                    .as("the profile service failing: retried, not sent bare")
                    .isGreaterThanOrEqualTo(2);
            assertThat(receiver.received()).noneMatch(request -> request.body().contains("down-1"));
            assertThat(log.getList("items.customerId")).contains("known-1", "gone-1", "down-1");
        }
    }

    private static int attemptsOf(JsonPath log, String customer) {
        List<String> customers = log.getList("items.customerId");
        return log.getInt("items[" + customers.indexOf(customer) + "].attempts");
    }

    private static JsonNode body(Receiver receiver, String customer) throws IOException {
        for (Receiver.Request request : receiver.received()) {
            JsonNode body = EventJson.mapper().readTree(request.body());
            if (body.path("customerId").asText().equals(customer)) {
                return body;
            }
        }
        throw new AssertionError("nothing received for " + customer);
    }

    @Test
    void aSlowDestinationDelaysNoOther() throws Exception {
        try (Receiver slow = new Receiver();
                Receiver fast = new Receiver()) {
            slow.always(new Receiver.Answer(200, 1_500, Map.of()));
            create(Map.of("name", "slow", "url", slow.url()));
            create(Map.of("name", "fast", "url", fast.url()));
            List<SegmentChange> changes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                changes.add(change(tenant, "c-" + i, "vip", true, i));
            }
            publish(changes);

            await().atMost(EVENTUALLY).until(() -> fast.received().size() == 12);
            assertThat(slow.received().size())
                    .as("the slow one takes 4 at a time, 1.5 s each")
                    .isLessThan(12);
            await().atMost(EVENTUALLY).until(() -> slow.received().size() == 12);
        }
    }

    @Test
    void aReceiverThatWasDownGetsEverythingInOrderOnceBack() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath destination = create(Map.of("name", "down", "url", receiver.url()));
            receiver.stop();
            List<SegmentChange> changes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                changes.add(change(tenant, "c-1", "vip", i % 2 == 0, i));
                changes.add(change(tenant, "c-2", "vip", i % 2 == 0, i));
            }
            publish(changes);
            await().atMost(EVENTUALLY)
                    .until(() ->
                            deliveries(destination.getString("id")).getList("items.attempts", Integer.class).stream()
                                    .anyMatch(attempts -> attempts >= 3));

            receiver.start(receiver.port());
            await().atMost(EVENTUALLY).until(() -> receiver.received().size() == 8);
            assertThat(types(receiver.received(), "c-1"))
                    .containsExactly("segment.entered", "segment.exited", "segment.entered", "segment.exited");
            assertThat(types(receiver.received(), "c-2"))
                    .containsExactly("segment.entered", "segment.exited", "segment.entered", "segment.exited");
        }
    }

    @Test
    void aRefusedDeliveryIsDeadLetteredVisibleAndReplayable() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.always(Receiver.Answer.status(400));
            JsonPath destination = create(Map.of("name", "strict", "url", receiver.url()));
            String id = destination.getString("id");
            publish(List.of(change(tenant, "c-1", "vip", true, 0)));

            JsonPath log = deliveries(id, 1, "dead");
            assertThat(log.getInt("items[0].lastStatus")).isEqualTo(400);
            assertThat(log.getInt("items[0].attempts"))
                    .as("a 4xx is not retried")
                    .isEqualTo(1);
            assertThat(metric("mosaic_destination_deliveries_total", id, "dead-lettered"))
                    .isEqualTo(1.0);

            receiver.always(Receiver.Answer.status(200));
            api().post("/v1/destinations/" + id + "/replay")
                    .then()
                    .statusCode(200)
                    .body("replayed", equalTo(1));
            deliveries(id, 1, "delivered");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aTestEventIsSentSignedAtOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath destination = create(Map.of("name", "test", "url", receiver.url()));
            receiver.secret(destination.getString("secret"));
            api().post("/v1/destinations/" + destination.getString("id") + "/test")
                    .then()
                    .statusCode(200)
                    .body("delivered", equalTo(true))
                    .body("status", equalTo(200));
            assertThat(receiver.received()).singleElement().satisfies(request -> {
                assertThat(request.signed()).isTrue();
                assertThat(request.body()).contains("\"type\":\"destination.test\"");
            });
        }
    }

    /** The guide's receiver (docs/examples/webhook-receiver.mjs) run by Node.js against real deliveries. */
    @Test
    void theGuidesNodeReceiverVerifiesRealDeliveriesAndRefusesForgedOnes() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonPath destination = create(Map.of("name", "node", "url", "http://127.0.0.1:" + port + "/"));
        ProcessBuilder builder =
                new ProcessBuilder("node", "../docs/examples/webhook-receiver.mjs").redirectErrorStream(true);
        builder.environment().put("MOSAIC_WEBHOOK_SECRET", destination.getString("secret"));
        builder.environment().put("PORT", Integer.toString(port));
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new AssertionError("this test runs the guide's receiver: it needs Node.js on PATH", e);
        }
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> new java.io.BufferedReader(
                        new java.io.InputStreamReader(node.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                .lines()
                .forEach(output::add));
        reader.start();
        try {
            await().atMost(EVENTUALLY).until(() -> output.contains("listening"));
            publish(List.of(change(tenant, "c-7", "vip", true, 0)));
            await().atMost(EVENTUALLY)
                    .until(() -> output.stream()
                            .anyMatch(
                                    line -> line.startsWith("verified ") && line.endsWith(" segment.entered c-7 vip")));
            deliveries(destination.getString("id"), 1, "delivered");

            java.net.http.HttpResponse<Void> forged = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                                    .header(
                                            "Mosaic-Timestamp",
                                            Long.toString(Instant.now().getEpochSecond()))
                                    .header("Mosaic-Signature", "v1=" + "0".repeat(64))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":\"x\"}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(forged.statusCode()).isEqualTo(401);
        } finally {
            node.destroy();
            node.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @jakarta.inject.Inject
    DeliverySender sender;

    @Test
    void aDeliveryThatCannotBeSignedIsAFailedAttemptNotAnError() {
        DestinationCatalog.Target broken = new DestinationCatalog.Target(
                java.util.UUID.randomUUID(),
                tenant,
                "http://127.0.0.1:9/hook",
                null,
                List.of("entered"),
                List.of(),
                new byte[] {1, 2, 3}); // not a secret this platform encrypted
        DeliverySender.Outcome outcome =
                sender.send(broken, "d-1", new byte[] {'{', '}'}).join();
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retry()).isTrue();
        assertThat(outcome.error()).startsWith("not sent: ");
    }

    private JsonPath create(Map<String, Object> body) {
        return api().body(body)
                .post("/v1/destinations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private void refused(Map<String, Object> body, String field) {
        api().body(body)
                .post("/v1/destinations")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(field))
                .body("type", startsWith("urn:problem-type:mosaic:"));
    }

    private JsonPath deliveries(String destination) {
        return api().get("/v1/destinations/" + destination + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the log shows {@code count} deliveries, all with {@code status}. */
    private JsonPath deliveries(String destination, int count, String status) {
        return await().atMost(EVENTUALLY).until(() -> deliveries(destination), log -> {
            List<String> statuses = log.getList("items.status");
            return statuses.size() == count && statuses.stream().allMatch(status::equals);
        });
    }

    private static List<String> types(List<Receiver.Request> received, String customer) throws IOException {
        List<String> types = new ArrayList<>();
        for (Receiver.Request request : received) {
            JsonNode body = EventJson.mapper().readTree(request.body());
            if (body.path("customerId").asText().equals(customer)) {
                types.add(body.path("type").asText());
            }
        }
        return types;
    }

    private double metric(String name, String destination, String outcome) {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").asString();
        String prefix = name + "{destination=\"" + destination + "\",outcome=\"" + outcome + "\"";
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static SegmentChange change(String tenant, String customer, String segment, boolean entered, int second) {
        return new SegmentChange(
                tenant,
                customer,
                segment,
                segment,
                entered ? SegmentChange.Change.ENTERED : SegmentChange.Change.EXITED,
                Instant.parse("2026-12-03T10:00:00Z").plusSeconds(second),
                "event:purchase.completed");
    }

    /** As the topology writes them: keyed by tenant and customer, so one customer's changes keep their order. */
    private void publish(List<SegmentChange> changes) throws IOException {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (SegmentChange change : changes) {
            records.add(new ProducerRecord<>(
                    Topics.SEGMENT_CHANGES,
                    change.tenant() + ":" + change.customerId(),
                    EventJson.mapper().writeValueAsString(change)));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
    }
}
