package io.mosaic.segmentation.rest;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Topics;
import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.EventLog;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(io.mosaic.testing.FreshStateDirectory.class)
class SegmentResourceTest extends SegmentationTestBase {
    private static final String BANDUNG_BUYERS = """
            {"id": "bandung-buyers", "name": "Bandung buyers", "description": "Bought and live in Bandung",
             "rule": {"all": [{"trait": "geographic.city", "op": "eq", "value": "Bandung"},
                              {"metric": "purchases.count", "op": "gte", "value": 1}]}}
            """;

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    private void customerInBandung(String id, boolean buys) {
        EventLog.publish(
                kafka,
                event(
                        tenant,
                        id,
                        "customer.identified",
                        daysAgo(10),
                        "'properties': {'traits': {'geographic': {'city': 'Bandung'}, 'demographic': {'gender': 'female'}}}"));
        if (buys) {
            EventLog.publish(kafka, purchase(tenant, id, daysAgo(5), "100", false));
        }
    }

    private void awaitCustomers(int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> previewSize("{\"metric\": \"daysSinceFirstSeen\", \"op\": \"exists\"}") == count);
    }

    private int previewSize(String rule) {
        return api().body("{\"rule\": " + rule + "}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .extract()
                .path("size");
    }

    @Test
    void aNewTenantHasTheBuiltInSegments() {
        api().get("/v1/segments")
                .then()
                .statusCode(200)
                .body(
                        "items.id",
                        contains(
                                "at-risk",
                                "detractors",
                                "dormant",
                                "flash-sale-hunters",
                                "new-customers",
                                "promotion-responders",
                                "vip"))
                .body("items[0].builtIn", equalTo(true))
                .body("items[0].status", equalTo("active"));
    }

    @Test
    void aNewSegmentIsBackfilledOverExistingCustomers() {
        customerInBandung("b-1", true);
        customerInBandung("b-2", false);
        customerInBandung("b-3", true);
        awaitCustomers(3);

        api().body(BANDUNG_BUYERS)
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .header("Location", containsString("/v1/segments/bandung-buyers"))
                .body("id", equalTo("bandung-buyers"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/bandung-buyers")
                        .then()
                        .body("status", equalTo("active"))
                        .body("size", equalTo(2))
                        .body("progress.done", equalTo(3)));
        api().get("/v1/segments/bandung-buyers/members").then().body("items.customerId", contains("b-1", "b-3"));
        List<SegmentChange> changes = awaitChanges("b-1", 2);
        assertThat(changes).anySatisfy(change -> {
            assertThat(change.segmentId()).isEqualTo("bandung-buyers");
            assertThat(change.segmentName()).isEqualTo("Bandung buyers");
            assertThat(change.cause()).isEqualTo("backfill");
        });

        EventLog.publish(kafka, purchase(tenant, "b-2", daysAgo(0), "10", false));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/bandung-buyers/members")
                        .then()
                        .body("items.customerId", contains("b-1", "b-2", "b-3")));

        api().delete("/v1/segments/bandung-buyers").then().statusCode(204);
        SegmentChange exit = SegmentationTestBase.change(TopicRecords.awaitOne(
                kafka,
                Topics.SEGMENT_CHANGES,
                record -> record.key().equals(tenant + ":b-3") && record.value().contains("segment-deleted")));
        assertThat(exit.customerId()).isEqualTo("b-3");
        assertThat(exit.segmentId()).isEqualTo("bandung-buyers");
        assertThat(exit.change()).isEqualTo(SegmentChange.Change.EXITED);
    }

    private void voucherPurchase(String customerId, int daysAgo) {
        EventLog.publish(
                kafka,
                event(
                        tenant,
                        customerId,
                        "purchase.completed",
                        daysAgo(daysAgo),
                        "'channel': 'web', 'properties': {'orderId': 'o-" + customerId + daysAgo
                                + "', 'amount': 10, 'currency': 'IDR', 'promotion': {'kind': 'voucher'}}"));
    }

    private void awaitActive(String segment) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "active"
                        .equals(api().get("/v1/segments/" + segment)
                                .then()
                                .extract()
                                .path("status")));
    }

    @Test
    void aNewEventConditionCountsTheEventsFromBeforeTheSegmentExistedExactlyOnce() {
        voucherPurchase("v-1", 3);
        voucherPurchase("v-1", 2);
        voucherPurchase("v-1", 1);
        voucherPurchase("v-2", 1);
        voucherPurchase("v-3", 40); // outside the window
        awaitCustomers(3);

        api().body(
                        "{\"id\": \"voucher-exactly-3\", \"name\": \"Three vouchers\", \"rule\": {\"event\": \"purchase.completed\","
                                + " \"where\": {\"promotion.kind\": \"voucher\"}, \"within\": \"30d\", \"count\": {\"eq\": 3}}}")
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .body("status", equalTo("replaying"));
        api().body(
                        "{\"id\": \"voucher-twice\", \"name\": \"Two vouchers\", \"rule\": {\"event\": \"purchase.completed\","
                                + " \"where\": {\"promotion.kind\": \"voucher\"}, \"within\": \"30d\", \"count\": {\"gte\": 2}}}")
                .post("/v1/segments")
                .then()
                .statusCode(201);
        awaitActive("voucher-exactly-3");
        awaitActive("voucher-twice");

        // Members come from the table the sink fills from the changes topic: within about a second.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            api().get("/v1/segments/voucher-exactly-3/members").then().body("items.customerId", contains("v-1"));
            api().get("/v1/segments/voucher-twice/members").then().body("items.customerId", contains("v-1"));
        });

        voucherPurchase("v-2", 0); // one replayed and one live make two
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> api().get("/v1/segments/voucher-twice/members")
                        .then()
                        .body("items.customerId", contains("v-1", "v-2")));
        api().get("/v1/segments/voucher-exactly-3/members").then().body("items.customerId", contains("v-1"));
    }

    @Test
    void previewCountsWithoutSaving() {
        customerInBandung("p-1", true);
        customerInBandung("p-2", false);
        awaitCustomers(2);

        api().body("{\"rule\": {\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1}}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("sample", contains("p-1"));
        api().get("/v1/segments").then().body("items", hasSize(7));
    }

    @Test
    void membersArePagedWithACursor() {
        for (int i = 0; i < 5; i++) {
            EventLog.publish(kafka, message(tenant, "m-" + i, daysAgo(1), "chat"));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api().get("/v1/segments/new-customers")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("size")
                        == 5);

        JsonPath first = api().get("/v1/segments/new-customers/members?limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("items.customerId")).containsExactly("m-0", "m-1");
        JsonPath second = api().get(
                        "/v1/segments/new-customers/members?limit=2&cursor=" + first.getString("nextCursor"))
                .then()
                .extract()
                .jsonPath();
        assertThat(second.getList("items.customerId")).containsExactly("m-2", "m-3");
        api().get("/v1/segments/new-customers/members?limit=0")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        api().get("/v1/segments/new-customers/members?cursor=***")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void insightsDescribeTheSegmentAgainstTheBase() {
        customerInBandung("i-1", true);
        customerInBandung("i-2", true);
        EventLog.publish(
                kafka,
                event(
                        tenant,
                        "i-3",
                        "customer.identified",
                        daysAgo(3),
                        "'properties': {'traits': {'geographic': {'city': 'Jakarta'}, 'demographic': {'gender': 'male'}}}"));
        awaitCustomers(3);
        api().body(BANDUNG_BUYERS).post("/v1/segments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "active"
                        .equals(api().get("/v1/segments/bandung-buyers")
                                .then()
                                .extract()
                                .path("status")));

        api().get("/v1/segments/bandung-buyers/insights")
                .then()
                .statusCode(200)
                .body("size", equalTo(2))
                .body("baseSize", equalTo(3))
                .body("share", equalTo(0.6667f))
                .body("traits.'geographic.city'[0].value", equalTo("Bandung"))
                .body("traits.'geographic.city'[0].share", equalTo(1.0f))
                .body("traits.'geographic.city'[0].baseShare", equalTo(0.6667f))
                .body("behavior.'purchases.count'.segment", equalTo(1.0f))
                .body("behavior.'purchases.count'.base", equalTo(1.0f));
    }

    @Test
    void badRulesAreAnsweredWithTheirPath() {
        api().body(
                        "{\"id\": \"x\", \"name\": \"X\", \"rule\": {\"any\": [{\"metric\": \"rfm.magic\", \"op\": \"eq\", \"value\": 1}]}}")
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("rule.any[0].metric"));
        api().body("{\"id\": \"Bad Id\", \"rule\": {\"segment\": \"vip\"}}")
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("id", "name"));
    }

    @Test
    void cyclesAndDuplicatesAndMissingSegmentsAreRefused() {
        api().body("{\"id\": \"loyal\", \"name\": \"Loyal\", \"rule\": {\"segment\": \"vip\"}}")
                .post("/v1/segments")
                .then()
                .statusCode(201);
        api().body("{\"name\": \"VIP\", \"rule\": {\"segment\": \"loyal\"}}")
                .put("/v1/segments/vip")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("cycle"));
        api().body("{\"id\": \"loyal\", \"name\": \"Again\", \"rule\": {\"segment\": \"vip\"}}")
                .post("/v1/segments")
                .then()
                .statusCode(409);
        api().delete("/v1/segments/vip").then().statusCode(409).body("detail", containsString("loyal"));
        api().get("/v1/segments/nope").then().statusCode(404).contentType("application/problem+json");
        api().delete("/v1/segments/loyal").then().statusCode(204);
        api().get("/v1/segments/loyal").then().statusCode(404);
    }

    @Test
    void anotherTenantsSegmentAnswersLikeAMissingOne() {
        api().body("{\"id\": \"mine\", \"name\": \"Mine\", \"rule\": {\"segment\": \"vip\"}}")
                .post("/v1/segments")
                .then()
                .statusCode(201);

        given().header(PlatformHeaders.INTERNAL_TOKEN, "test-internal-token")
                .header(PlatformHeaders.TENANT, "someone-else")
                .get("/v1/segments/mine")
                .then()
                .statusCode(404);
    }

    @Test
    void callsWithoutTheInternalTokenAreRefused() {
        given().header(PlatformHeaders.TENANT, tenant)
                .get("/v1/segments")
                .then()
                .statusCode(401);
        given().header(PlatformHeaders.TENANT, tenant)
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"segmentId\": \"vip\", \"at\": \"2026-01-01T00:00:00Z\"}")
                .post("/internal/segments/insights")
                .then()
                .statusCode(401);
    }

    /** What another instance asks for: this instance's share, over the customers of the partitions it runs. */
    @Test
    void anInstanceGivesItsShareOfInsightsAndPreviewsToAnother() {
        customerInBandung("s-1", true);
        customerInBandung("s-2", false);
        awaitCustomers(2);
        String at = Instant.now().toString();

        api().body("{\"rule\": {\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1}, \"at\": \"" + at
                        + "\"}")
                .post("/internal/segments/preview")
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("sample", contains("s-1"));
        api().body("{\"segmentId\": \"new-customers\", \"at\": \"" + at + "\"}")
                .post("/internal/segments/insights")
                .then()
                .statusCode(200)
                .body("base.customers", equalTo(2))
                .body("base.traits.'geographic.city'.Bandung", equalTo(2));
        api().body("{\"segmentId\": \"" + "x".repeat(300) + "\", \"at\": \"" + at + "\"}")
                .post("/internal/segments/insights")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("segmentId"));
    }
}
