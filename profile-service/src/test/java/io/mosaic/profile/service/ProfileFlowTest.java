package io.mosaic.profile.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.mosaic.events.InteractionEvent;
import io.mosaic.events.Topics;
import io.mosaic.profile.ProfileTestBase;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile assembled from the three topics it reads. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class ProfileFlowTest extends ProfileTestBase {

    @Test
    void traitsAreLastWriterWinsByOccurredAtWhateverTheArrivalOrder() {
        publish(
                identified(
                        "c-1",
                        now.minus(Duration.ofHours(1)),
                        "'email': 'Rina@Example.co.id', 'phone': '+62 812-3456-7890', 'externalIds': {'shop': 'S-1'}",
                        "'geographic': {'city': 'Bandung', 'country': 'ID'}, 'demographic': {'gender': 'female'}"),
                // older, arrives later: must not overwrite the city
                identified(
                        "c-1",
                        now.minus(Duration.ofDays(3)),
                        "",
                        "'geographic': {'city': 'Jakarta', 'region': 'Jawa Barat'}"),
                event(
                        "c-1",
                        "survey.answered",
                        now.minus(Duration.ofMinutes(30)),
                        "'properties': {'kind': 'custom', 'answers': {'psychographic': {'interests': ['hiking', 'coffee']}}}"),
                event(
                        "c-1",
                        "consent.updated",
                        now.minus(Duration.ofMinutes(20)),
                        "'properties': {'purpose': 'marketing', 'granted': true}"));

        awaitProfile(
                "c-1",
                profile -> profile.body("traits.geographic.city", equalTo("Bandung"))
                        .body("traits.geographic.region", equalTo("Jawa Barat"))
                        .body("traits.geographic.country", equalTo("ID"))
                        .body("traits.demographic.gender", equalTo("female"))
                        .body("traits.psychographic.interests", contains("hiking", "coffee"))
                        .body("consent.profiling", equalTo(true))
                        .body("consent.marketing", equalTo(true))
                        .body("consent.analytics", equalTo(false))
                        .body("identifiers.emails", contains("rina@example.co.id"))
                        .body("identifiers.phones", contains("+6281234567890"))
                        .body("identifiers.externalIds.shop", contains("S-1"))
                        .body("behavior", nullValue())
                        .body("segments", empty())
                        .body(
                                "firstSeenAt",
                                equalTo(now.minus(Duration.ofDays(3)).toString()))
                        .body("version", greaterThan(0)));
    }

    @Test
    void behaviorAndSegmentsComeFromSegmentation() {
        publish(identified("c-2", now, "", "'geographic': {'city': 'Medan'}"));
        awaitProfile("c-2", profile -> profile.body("traits.geographic.city", equalTo("Medan")));

        publishTo(
                Topics.CUSTOMER_BEHAVIOR,
                "c-2",
                "{'tenant': '" + tenant + "', 'customerId': 'c-2', 'asOf': '" + now + "',"
                        + " 'behavior': {'purchases': {'count': 4}, 'churnRisk': 'low', 'preferredChannel': 'whatsapp'}}");
        publishTo(
                Topics.SEGMENT_CHANGES,
                "c-2",
                "{'tenant': '" + tenant + "', 'customerId': 'c-2', 'segmentId': 'vip', 'segmentName': 'VIP',"
                        + " 'change': 'entered', 'at': '" + now + "', 'cause': 'event:purchase.completed'}");
        publishTo(
                Topics.SEGMENT_CHANGES,
                "c-2",
                "{'tenant': '" + tenant + "', 'customerId': 'c-2', 'segmentId': 'dormant', 'segmentName': 'Dormant',"
                        + " 'change': 'entered', 'at': '" + now + "', 'cause': 'time'}");

        awaitProfile(
                "c-2",
                profile -> profile.body("behavior.purchases.count", equalTo(4))
                        .body("behavior.preferredChannel", equalTo("whatsapp"))
                        .body("segments.id", contains("dormant", "vip"))
                        .body("segments.name", contains("Dormant", "VIP"))
                        .body("segments[1].since", equalTo(now.toString())));

        publishTo(Topics.CUSTOMER_BEHAVIOR, "c-2", null);
        publishTo(
                Topics.SEGMENT_CHANGES,
                "c-2",
                "{'tenant': '" + tenant + "', 'customerId': 'c-2', 'segmentId': 'dormant', 'change': 'exited',"
                        + " 'at': '" + now + "', 'cause': 'event:message.received'}");

        awaitProfile("c-2", profile -> profile.body("behavior", nullValue()).body("segments.id", contains("vip")));
    }

    @Test
    void theTimelineIsNewestFirstAndPagedWithACursor() {
        for (int i = 0; i < 5; i++) {
            publish(event("c-3", "message.received", now.minus(Duration.ofMinutes(10 - i)), "'channel': 'chat'"));
        }
        awaitCaughtUp();

        var first = api().get("/v1/profiles/c-3/timeline?limit=3").then().statusCode(200);
        first.body("items", hasSize(3))
                .body(
                        "items[0].occurredAt",
                        equalTo(now.minus(Duration.ofMinutes(6)).toString()))
                .body("items[0].channel", equalTo("chat"))
                .body("items[0].type", equalTo("message.received"));
        String cursor = first.extract().path("nextCursor");

        api().get("/v1/profiles/c-3/timeline?limit=3&before=" + cursor)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body(
                        "items[1].occurredAt",
                        equalTo(now.minus(Duration.ofMinutes(10)).toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void theTimelineKeepsTheConfiguredNumberOfNewestEntries() {
        InteractionEvent[] events = new InteractionEvent[8];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("c-4", "message.sent", now.minus(Duration.ofMinutes(i)), "'channel': 'email'");
        }
        publish(events);
        awaitCaughtUp();

        List<String> kept = api().get("/v1/profiles/c-4/timeline?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .path("items.occurredAt");
        assertThat(kept)
                .as("configured to keep 5 in tests")
                .containsExactly(
                        now.toString(),
                        now.minus(Duration.ofMinutes(1)).toString(),
                        now.minus(Duration.ofMinutes(2)).toString(),
                        now.minus(Duration.ofMinutes(3)).toString(),
                        now.minus(Duration.ofMinutes(4)).toString());
    }

    @Test
    void profilesAreFoundByEachIdentifier() {
        publish(identified(
                "c-5",
                now,
                "'email': 'budi@tokoku.id', 'phone': '+628119990001', 'whatsapp': '+628119990002',"
                        + " 'externalIds': {'zendesk': 'Z-77'}",
                ""));
        awaitProfile("c-5", profile -> profile.body("customerId", equalTo("c-5")));

        api().queryParam("email", "BUDI@tokoku.id")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("c-5"));
        api().queryParam("phone", "+62 811-999-0001")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("c-5"));
        api().queryParam("whatsapp", "+628119990002")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("c-5"));
        api().queryParam("externalId", "zendesk:Z-77")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("c-5"));
        api().queryParam("email", "nobody@tokoku.id").get("/v1/profiles").then().statusCode(404);
    }

    @Test
    void anotherTenantsCustomerAnswersLikeAnUnknownOne() {
        publish(identified("c-6", now, "'email': 'secret@tokoku.id'", ""));
        awaitProfile("c-6", profile -> profile.body("customerId", equalTo("c-6")));

        for (String path :
                List.of("/v1/profiles/c-6", "/v1/profiles?email=secret@tokoku.id", "/v1/profiles/c-6/timeline")) {
            api("someone-else").get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }
}
