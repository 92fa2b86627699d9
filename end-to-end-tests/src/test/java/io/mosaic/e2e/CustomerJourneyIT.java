package io.mosaic.e2e;

import static io.mosaic.e2e.Api.as;
import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.awaitStatus;
import static io.mosaic.e2e.Api.daysAgo;
import static io.mosaic.e2e.Api.event;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.identified;
import static io.mosaic.e2e.Api.message;
import static io.mosaic.e2e.Api.newTenant;
import static io.mosaic.e2e.Api.purchase;
import static io.mosaic.e2e.Api.send;
import static io.mosaic.e2e.Api.withProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A customer's life through the public API: events in, one merged profile and segments out, consent, erasure. */
@ExtendWith(Platform.class)
class CustomerJourneyIT {
    private final String key = fullKey(newTenant());

    @Test
    void eventsFromEveryChannelBecomeOneProfileWithBehaviorAndSegments() {
        send(
                key,
                List.of(
                        identified("c-rina", daysAgo(20), "rina@example.co.id", "Bandung", Map.of("gender", "female")),
                        purchase("c-rina", daysAgo(15), 250_000, "flash_sale"),
                        purchase("c-rina", daysAgo(10), 120_000, "flash_sale"),
                        purchase("c-rina", daysAgo(5), 90_000, "flash_sale"),
                        message("c-rina", daysAgo(4.5), "whatsapp"),
                        message("c-rina", daysAgo(4), "whatsapp"),
                        message("c-rina", daysAgo(3.5), "whatsapp"),
                        message("c-rina", daysAgo(3), "whatsapp"),
                        withProperties(
                                event("promotion.responded", "c-rina", daysAgo(2)),
                                Map.of("campaignId", "cmp-1", "response", "clicked")),
                        withProperties(
                                event("survey.answered", "c-rina", daysAgo(1)), Map.of("kind", "nps", "score", 4))));

        JsonPath profile = awaitBody(
                key,
                "/v1/profiles/c-rina",
                body -> body.getList("segments.id").containsAll(List.of("flash-sale-hunters", "detractors")));
        assertThat(profile.getString("traits.geographic.city")).isEqualTo("Bandung");
        assertThat(profile.getString("traits.demographic.gender")).isEqualTo("female");
        assertThat(profile.getList("identifiers.emails")).containsExactly("rina@example.co.id");
        assertThat(profile.getInt("behavior.purchases.count")).isEqualTo(3);
        assertThat(profile.getInt("behavior.flashSalePurchases90d")).isEqualTo(3);
        assertThat(profile.getString("behavior.preferredChannel")).isEqualTo("whatsapp");
        assertThat(profile.getString("behavior.nps.category")).isEqualTo("detractor");
        assertThat(profile.getList("segments.id"))
                .contains("flash-sale-hunters", "promotion-responders", "detractors", "new-customers");

        double answeredByTheGateway = profileReadsAnsweredByTheGateway();
        as(key).get("/v1/profiles?email=rina@example.co.id")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("c-rina"));
        // the gateway found the ready profile in the profile service's view itself (ReadyProfiles)
        assertThat(profileReadsAnsweredByTheGateway()).isGreaterThan(answeredByTheGateway);
        as(key).get("/v1/profiles/c-rina/timeline?limit=2")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].type", equalTo("survey.answered"));
        awaitBody(
                key,
                "/v1/segments/flash-sale-hunters/members",
                body -> body.getList("items.customerId").contains("c-rina"));
        JsonPath history = awaitBody(
                key,
                "/v1/segments/flash-sale-hunters/history?days=400",
                body -> body.getList("items.entries", Integer.class).stream()
                                .mapToInt(Integer::intValue)
                                .sum()
                        == 1);
        assertThat(history.getList("items")).hasSize(400);
        assertThat(history.getInt("items[399].size")).as("members today").isEqualTo(1);
    }

    @Test
    void twoContactsWithTheSameEmailAreMergedIntoOneProfile() {
        send(key, List.of(identified("c-web", daysAgo(9), "budi@tokoku.id", "Surabaya", Map.of())));
        awaitBody(key, "/v1/profiles/c-web", body -> true);
        send(
                key,
                List.of(
                        identified("c-wa", daysAgo(2), "budi@tokoku.id", "Surabaya", Map.of()),
                        message("c-wa", daysAgo(1), "whatsapp")));

        // c-wa finds c-web as soon as the merge reaches it; c-web lists it once c-wa's state has travelled there
        JsonPath merged = awaitBody(
                key,
                "/v1/profiles/c-wa",
                body -> "c-web".equals(body.getString("customerId"))
                        && !body.getList("mergedCustomerIds").isEmpty());
        assertThat(merged.getList("mergedCustomerIds")).containsExactly("c-wa");
        awaitBody(
                key,
                "/v1/profiles/c-web",
                body -> body.getMap("behavior.channels") != null
                        && Integer.valueOf(1)
                                .equals(body.getMap("behavior.channels").get("whatsapp")));
        as(key).get("/v1/profiles?email=budi@tokoku.id").then().statusCode(200).body("customerId", equalTo("c-web"));
    }

    @Test
    void withdrawingProfilingConsentClearsBehaviorAndSegments() {
        send(
                key,
                List.of(
                        identified("c-ayu", daysAgo(3), "ayu@tokoku.id", "Medan", Map.of()),
                        purchase("c-ayu", daysAgo(2), 80_000, null)));
        awaitBody(key, "/v1/profiles/c-ayu", body -> body.getList("segments.id").contains("new-customers"));

        send(
                key,
                List.of(withProperties(
                        event("consent.updated", "c-ayu", daysAgo(1)),
                        Map.of("purpose", "profiling", "granted", false))));

        JsonPath withdrawn = awaitBody(
                key,
                "/v1/profiles/c-ayu",
                body -> Boolean.FALSE.equals(body.get("consent.profiling"))
                        && body.getList("segments").isEmpty()
                        && body.get("behavior") == null);
        assertThat(withdrawn.getString("traits.geographic.city")).isEqualTo("Medan");
    }

    @Test
    void anErasedCustomerIsGoneFromEveryServiceAndItsIdentifiersFindNothing() {
        send(
                key,
                List.of(
                        identified("c-gone", daysAgo(3), "gone@tokoku.id", "Jakarta", Map.of()),
                        purchase("c-gone", daysAgo(2), 80_000, null)));
        awaitBody(
                key,
                "/v1/segments/new-customers/members",
                body -> body.getList("items.customerId").contains("c-gone"));

        as(key).get("/v1/profiles?email=gone@tokoku.id").then().statusCode(200);

        as(key).delete("/v1/profiles/c-gone").then().statusCode(202);

        awaitStatus(key, "/v1/profiles/c-gone", 404);
        as(key).get("/v1/profiles?email=gone@tokoku.id").then().statusCode(404);
        as(key).get("/v1/profiles/c-gone/timeline").then().statusCode(404);
        awaitBody(
                key,
                "/v1/segments/new-customers/members",
                body -> !body.getList("items.customerId").contains("c-gone"));
    }

    private static double profileReadsAnsweredByTheGateway() {
        String metrics = RestAssured.given().get("/q/metrics").asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("mosaic_gateway_profile_reads_total{") && line.contains("answered=\"gateway\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
