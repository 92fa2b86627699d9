package io.mosaic.ingestion.segmentspec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventValidator;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.ValidationResult;
import io.mosaic.events.properties.CustomerIdentified;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.events.properties.InteractionTracked;
import io.mosaic.events.properties.PromotionResponded;
import io.mosaic.events.properties.PurchaseCompleted;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentSpecMappingTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventValidator VALIDATOR = new EventValidator(Clock.fixed(RECEIVED, ZoneOffset.UTC));

    private static List<InteractionEvent> map(String type, String message) throws Exception {
        SegmentSpecMapping.Mapped mapped =
                SegmentSpecMapping.map(JSON.readTree(message.replace('\'', '"')), type, null, RECEIVED);
        assertThat(mapped.errors()).isEmpty();
        return mapped.events().stream()
                .map(event -> {
                    ValidationResult result = VALIDATOR.validate(event, "acme");
                    assertThat(result.errors()).as(event.toString()).isEmpty();
                    return result.event();
                })
                .toList();
    }

    @Test
    void identifyTraitsLandWhereMosaicKeepsThem() throws Exception {
        InteractionEvent event = map(
                        "identify",
                        "{'userId': 'u-1', 'messageId': 'm-1', 'timestamp': '2026-12-01T08:00:00Z', 'traits': {"
                                + "'email': 'Ana@Example.com', 'phone': '+62 812-3456-7890', 'gender': 'female',"
                                + " 'title': 'Engineer', 'income': 'upper', 'birthday': '1990-04-01',"
                                + " 'address': {'city': 'Bandung', 'state': 'West Java', 'country': 'ID',"
                                + " 'postalCode': '40132'}, 'interests': ['coffee', 'hiking'], 'plan': 'gold'}}")
                .get(0);

        assertThat(event.customerId()).isEqualTo("u-1");
        assertThat(event.eventId()).isEqualTo("m-1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(event.identifiers().email()).isEqualTo("ana@example.com");
        assertThat(event.identifiers().phone()).isEqualTo("+6281234567890");
        var traits = event.propertiesAs(CustomerIdentified.class).traits();
        assertThat(traits.demographic().gender()).isEqualTo("female");
        assertThat(traits.demographic().occupation()).isEqualTo("Engineer");
        assertThat(traits.demographic().incomeBand()).isEqualTo("upper");
        assertThat(traits.demographic().birthYear()).isEqualTo(1990);
        assertThat(traits.geographic().city()).isEqualTo("Bandung");
        assertThat(traits.geographic().region()).isEqualTo("West Java");
        assertThat(traits.geographic().country()).isEqualTo("ID");
        assertThat(traits.geographic().postalCode()).isEqualTo("40132");
        assertThat(traits.psychographic().interests()).containsExactly("coffee", "hiking");
        assertThat(traits.custom()).containsEntry("plan", "gold").doesNotContainKey("email");
    }

    @Test
    void anAgeWithoutABirthdayGivesTheBirthYear() throws Exception {
        var demographic = map("identify", "{'userId': 'u-1', 'traits': {'age': 36}}")
                .get(0)
                .propertiesAs(CustomerIdentified.class)
                .traits()
                .demographic();

        assertThat(demographic.birthYear()).isEqualTo(1990); // received in 2026
    }

    @Test
    void anIdentifyThatLinksAnAnonymousIdMergesThatVisitorIntoTheUser() throws Exception {
        List<InteractionEvent> events =
                map("identify", "{'userId': 'u-1', 'anonymousId': 'a-9', 'messageId': 'm-2', 'traits': {}}");

        assertThat(events).hasSize(2);
        assertThat(events.get(1).customerId()).isEqualTo("u-1");
        assertThat(events.get(1).propertiesAs(CustomerMerged.class).mergedCustomerId())
                .isEqualTo(SegmentSpecMapping.ANONYMOUS_PREFIX + "a-9");
        assertThat(events.get(1).eventId()).isNotEqualTo(events.get(0).eventId());
        assertThat(map("track", "{'anonymousId': 'a-9', 'event': 'Video Played'}")
                        .get(0)
                        .customerId())
                .as("before the identify, the visitor has a profile of its own")
                .isEqualTo("anonymous:a-9");
    }

    @Test
    void anOrderCompletedIsAPurchaseWithItsProductsAndCoupon() throws Exception {
        InteractionEvent event = map(
                        "track",
                        "{'userId': 'u-1', 'event': 'Order Completed', 'properties': {'order_id': 'o-7',"
                                + " 'total': 27.5, 'currency': 'EUR', 'coupon': 'WINTER',"
                                + " 'products': [{'sku': 'S-1', 'category': 'Shoes', 'price': 12.5, 'quantity': 1},"
                                + " {'product_id': 'P-2', 'price': 15, 'quantity': 1}]}}")
                .get(0);

        PurchaseCompleted purchase = event.propertiesAs(PurchaseCompleted.class);
        assertThat(purchase.orderId()).isEqualTo("o-7");
        assertThat(purchase.amount()).isEqualByComparingTo("27.5");
        assertThat(purchase.currency()).isEqualTo("EUR");
        assertThat(purchase.items()).extracting(PurchaseCompleted.Item::sku).containsExactly("S-1", "P-2");
        assertThat(purchase.items().get(0).unitPrice()).isEqualByComparingTo("12.5");
        assertThat(purchase.promotion().code()).isEqualTo("WINTER");
    }

    @Test
    void promotionsAndOtherTracksPagesAndScreens() throws Exception {
        assertThat(map("track", "{'userId': 'u', 'event': 'Promotion Clicked', 'properties': {'promotion_id': 'bf'}}")
                        .get(0)
                        .propertiesAs(PromotionResponded.class))
                .isEqualTo(new PromotionResponded("bf", PromotionResponded.Response.CLICKED, null));

        InteractionTracked video = map(
                        "track",
                        "{'userId': 'u', 'event': 'Video Played', 'properties': {'video': {'id': 'v-1'}, 'sec': 3}}")
                .get(0)
                .propertiesAs(InteractionTracked.class);
        assertThat(video.name()).isEqualTo("Video Played");
        assertThat(video.kind()).isEqualTo(InteractionTracked.Kind.TRACK);
        assertThat(video.custom()).containsEntry("video.id", "v-1").containsKey("sec");

        assertThat(map("page", "{'userId': 'u', 'properties': {'path': '/pricing'}}")
                        .get(0)
                        .propertiesAs(InteractionTracked.class))
                .extracting(InteractionTracked::name, InteractionTracked::kind)
                .containsExactly("/pricing", InteractionTracked.Kind.PAGE);
        assertThat(map("screen", "{'userId': 'u', 'name': 'Checkout'}").get(0).propertiesAs(InteractionTracked.class))
                .extracting(InteractionTracked::name, InteractionTracked::kind)
                .containsExactly("Checkout", InteractionTracked.Kind.SCREEN);
    }

    @Test
    void anAliasMergesThePreviousIdWhetherItWasAUserOrAnAnonymousVisitor() throws Exception {
        List<InteractionEvent> events = map("alias", "{'userId': 'u-1', 'previousId': 'p-1', 'messageId': 'm-9'}");

        assertThat(events)
                .extracting(event -> event.propertiesAs(CustomerMerged.class).mergedCustomerId())
                .containsExactly("p-1", "anonymous:p-1");
        assertThat(events).extracting(InteractionEvent::customerId).containsOnly("u-1");
        assertThat(events).extracting(InteractionEvent::eventId).doesNotHaveDuplicates();
        assertThat(SegmentSpecMapping.map(JSON.readTree("{\"userId\": \"u-1\"}"), "alias", null, RECEIVED)
                        .errors())
                .extracting(io.mosaic.events.FieldError::field)
                .containsExactly("previousId");
    }

    @Test
    void aGroupBecomesTheCustomersGroupTraits() throws Exception {
        var traits = map("group", "{'userId': 'u-1', 'groupId': 'g-42', 'traits': {'name': 'Acme Corp'}}")
                .get(0)
                .propertiesAs(CustomerIdentified.class)
                .traits();

        assertThat(traits.custom()).containsEntry("groupId", "g-42").containsEntry("groupName", "Acme Corp");
    }

    @Test
    void anOrderRefundedIsARefundAndRevenueStandsInForAMissingTotal() throws Exception {
        InteractionEvent refund = map(
                        "track",
                        "{'userId': 'u', 'event': 'Order Refunded', 'properties': {'order_id': 'o-7', 'revenue': 5,"
                                + " 'currency': 'IDR'}}")
                .get(0);

        assertThat(refund.type()).isEqualTo(io.mosaic.events.EventType.PURCHASE_REFUNDED);
        var properties = refund.propertiesAs(io.mosaic.events.properties.PurchaseRefunded.class);
        assertThat(properties.orderId()).isEqualTo("o-7");
        assertThat(properties.amount()).isEqualByComparingTo("5");
        assertThat(properties.currency()).isEqualTo("IDR");
        assertThat(map("track", "{'userId': 'u', 'event': 'Promotion Viewed', 'properties': {'promotion_id': 'p'}}")
                        .get(0)
                        .propertiesAs(PromotionResponded.class)
                        .response())
                .isEqualTo(PromotionResponded.Response.OPENED);
    }

    @Test
    void theSdksLibraryIsTheSourceAndItsChannelTheChannel() throws Exception {
        InteractionEvent browser = map(
                        "track",
                        "{'userId': 'u', 'event': 'Clicked', 'context': {'channel': 'browser',"
                                + " 'library': {'name': 'analytics.js'}}}")
                .get(0);
        InteractionEvent server = map("track", "{'userId': 'u', 'event': 'Clicked', 'context': {'channel': 'server'}}")
                .get(0);

        assertThat(browser.source()).isEqualTo("analytics.js");
        assertThat(browser.channel()).isEqualTo(io.mosaic.events.Channel.WEB);
        assertThat(map("page", "{'userId': 'u', 'context': {'channel': 'mobile'}}")
                        .get(0)
                        .channel())
                .isEqualTo(io.mosaic.events.Channel.APP);
        assertThat(server.source()).isEqualTo("segment-spec");
        assertThat(server.channel()).isNull();
    }

    @Test
    void theSendersClockSkewIsCorrectedAsSegmentDoes() {
        JsonNode message = JSON.createObjectNode()
                .put("originalTimestamp", "2026-12-03T09:00:00Z")
                .put("sentAt", "2026-12-03T09:05:00Z");
        Instant occurred = SegmentSpecMapping.occurredAt(message, null, RECEIVED, new java.util.ArrayList<>());

        // sent at 09:05 by its clock, received at 10:00 by ours: its clock is 55 minutes behind
        assertThat(occurred).isEqualTo(Instant.parse("2026-12-03T09:55:00Z"));
        assertThat(SegmentSpecMapping.occurredAt(
                        ((ObjectNode) message.deepCopy()).put("timestamp", "2026-12-02T00:00:00Z"),
                        null,
                        RECEIVED,
                        new java.util.ArrayList<>()))
                .as("an explicit timestamp wins")
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void aMessageIdMosaicCannotHoldBecomesAStableDigest() {
        String id = SegmentSpecMapping.eventId("ajs-next-1764{weird}/id");

        assertThat(id).matches("seg-[0-9a-f]{32}").isEqualTo(SegmentSpecMapping.eventId("ajs-next-1764{weird}/id"));
        assertThat(SegmentSpecMapping.eventId("4b5c2a4e-8a7b-4f06-9f1c-1a2b3c4d5e6f"))
                .isEqualTo("4b5c2a4e-8a7b-4f06-9f1c-1a2b3c4d5e6f");
    }

    @Test
    void aMessageWithoutAnyIdOrOfAnUnknownTypeNamesTheField() throws Exception {
        assertThat(SegmentSpecMapping.map(JSON.readTree("{\"event\": \"x\"}"), "track", null, RECEIVED)
                        .errors())
                .extracting(io.mosaic.events.FieldError::field)
                .containsExactly("userId");
        assertThat(SegmentSpecMapping.map(
                                JSON.readTree("{\"type\": \"screenview\", \"userId\": \"u\"}"), null, null, RECEIVED)
                        .errors())
                .extracting(io.mosaic.events.FieldError::field)
                .containsExactly("type");
    }
}
