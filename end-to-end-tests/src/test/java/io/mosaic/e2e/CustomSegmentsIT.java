package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.daysAgo;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.identified;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.purchase;
import static io.mosaic.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Segments a marketer defines: validated, backfilled over the customers already known, described by insights. */
@ExtendWith(Platform.class)
class CustomSegmentsIT {
    private final String key = fullKey(newTenant());

    @Test
    void aNewSegmentIsBackfilledOverExistingCustomersAndDescribedByItsInsights() {
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String city = i < 4 ? "Jakarta" : "Surabaya";
            String customer = "c-" + i;
            history.add(identified(customer, daysAgo(40), customer + "@tokoku.id", city, Map.of("gender", "male")));
            if (i % 2 == 0) {
                history.add(purchase(customer, daysAgo(10), 100_000 * (i + 1), null));
            }
        }
        send(key, history);
        Map<String, Object> rule = Map.of(
                "all",
                List.of(
                        Map.of("trait", "geographic.city", "op", "eq", "value", "Jakarta"),
                        Map.of("metric", "purchases.count", "op", "gte", "value", 1)));
        // The preview evaluates the customers segmentation knows: once it finds both, the segment created next
        // can only get them by its backfill.
        await().atMost(Api.EVENTUALLY)
                .until(
                        () -> as(key).body(Map.of("rule", rule))
                                .post("/v1/segments/preview")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("size"),
                        size -> size == 2);
        as(key).body(Map.of("id", "jakarta-buyers", "name", "Jakarta buyers", "rule", rule))
                .post("/v1/segments")
                .then()
                .statusCode(201);

        awaitBody(key, "/v1/segments/jakarta-buyers", body -> "active".equals(body.getString("status")));
        JsonPath members = awaitBody(
                key,
                "/v1/segments/jakarta-buyers/members",
                body -> body.getList("items").size() == 2);
        assertThat(members.getList("items.customerId", String.class)).containsExactlyInAnyOrder("c-0", "c-2");
        as(key).get("/v1/segments/jakarta-buyers").then().body("size", equalTo(2));

        JsonPath insights =
                awaitBody(key, "/v1/segments/jakarta-buyers/insights", body -> body.getInt("baseSize") == 6);
        assertThat(insights.getInt("size")).isEqualTo(2);
        assertThat(insights.getString("traits.'geographic.city'[0].value")).isEqualTo("Jakarta");
        assertThat(insights.getDouble("traits.'geographic.city'[0].share")).isEqualTo(1.0);
        assertThat(insights.getString("traits.'demographic.gender'[0].value")).isEqualTo("male");
        assertThat(insights.getMap("behavior")).isNotEmpty();

        awaitBody(key, "/v1/profiles/c-2", body -> body.getList("segments.id").contains("jakarta-buyers"));
    }

    @Test
    void aRuleWithAFaultIsRefusedNamingWhereItIs() {
        as(key).body(Map.of(
                        "id",
                        "broken",
                        "name",
                        "Broken",
                        "rule",
                        Map.of("all", List.of(Map.of("metric", "purchases.count", "op", "around", "value", 1)))))
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("rule.all[0]")));
    }
}
