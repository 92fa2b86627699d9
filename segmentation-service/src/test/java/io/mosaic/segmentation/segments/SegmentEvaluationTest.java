package io.mosaic.segmentation.segments;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.json;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.RfmScale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentEvaluationTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final SegmentCatalog builtIns = SegmentCatalog.of(BuiltInSegments.ALL);

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    private CustomerAggregate aggregate(SegmentCatalog catalog, InteractionEvent... events) {
        CustomerAggregate aggregate = new CustomerAggregate();
        for (InteractionEvent event : events) {
            aggregate.apply(event, catalog.eventFilters());
        }
        return aggregate;
    }

    private Set<String> memberships(SegmentCatalog catalog, CustomerAggregate aggregate, Instant now) {
        return new CustomerEvaluation(aggregate, now, RfmScale.NONE, Set.of()).evaluate(catalog.all());
    }

    @Test
    void builtInSegmentsFillFromBehavior() {
        CustomerAggregate hunter = aggregate(
                builtIns,
                purchase("c-1", daysAgo(5), "10", true),
                purchase("c-1", daysAgo(15), "10", true),
                purchase("c-1", daysAgo(25), "10", true),
                event(
                        "acme",
                        "c-1",
                        "promotion.responded",
                        daysAgo(3),
                        "'properties': {'campaignId': 'bf', 'response': 'redeemed'}"),
                event("acme", "c-1", "survey.answered", daysAgo(2), "'properties': {'kind': 'nps', 'score': 3}"));

        assertThat(memberships(builtIns, hunter, NOW))
                .containsExactlyInAnyOrder("flash-sale-hunters", "promotion-responders", "detractors", "new-customers");
    }

    @Test
    void newCustomersLeaveThirtyDaysAfterFirstBeingSeenWithoutAnEvent() {
        CustomerAggregate customer = aggregate(builtIns, message("c-1", daysAgo(29), "chat"));

        assertThat(memberships(builtIns, customer, NOW)).contains("new-customers");
        assertThat(memberships(
                        builtIns,
                        customer,
                        daysAgo(29).plus(Duration.ofDays(30)).minusSeconds(1)))
                .contains("new-customers");
        assertThat(memberships(builtIns, customer, daysAgo(29).plus(Duration.ofDays(30))))
                .doesNotContain("new-customers");
    }

    @Test
    void dormantCustomersHaveNoEventInHalfAYear() {
        CustomerAggregate customer = aggregate(builtIns, message("c-1", daysAgo(179), "chat"));
        assertThat(memberships(builtIns, customer, NOW)).doesNotContain("dormant");
        assertThat(memberships(builtIns, customer, NOW.plus(Duration.ofDays(1))))
                .contains("dormant");
    }

    @Test
    void atRiskFollowsChurnRisk() {
        CustomerAggregate customer = aggregate(
                builtIns,
                purchase("c-1", daysAgo(100), "1", false),
                purchase("c-1", daysAgo(90), "1", false),
                purchase("c-1", daysAgo(80), "1", false));
        assertThat(memberships(builtIns, customer, NOW)).contains("at-risk");
    }

    @Test
    void segmentsCanReferToOtherSegments() {
        List<SegmentDefinition> segments = new ArrayList<>(BuiltInSegments.ALL);
        segments.add(
                SegmentDefinition.of(
                        "new-whatsapp",
                        "New on WhatsApp",
                        "",
                        json(
                                "{'all': [{'segment': 'new-customers'}, {'metric': 'preferredChannel', 'op': 'eq', 'value': 'whatsapp'}]}")));
        SegmentCatalog catalog = SegmentCatalog.of(segments);

        assertThat(memberships(catalog, aggregate(catalog, message("c-1", daysAgo(1), "whatsapp")), NOW))
                .contains("new-customers", "new-whatsapp");
        assertThat(memberships(catalog, aggregate(catalog, message("c-1", daysAgo(1), "email")), NOW))
                .doesNotContain("new-whatsapp");
        assertThat(catalog.all().indexOf(segments.get(segments.size() - 1)))
                .isGreaterThan(catalog.all().stream()
                        .map(SegmentDefinition::id)
                        .toList()
                        .indexOf("new-customers"));
    }

    @Test
    void eventConditionsCountAndSumFilteredEventsInTheirWindow() {
        SegmentCatalog catalog = SegmentCatalog.of(
                List.of(
                        SegmentDefinition.of(
                                "big-spenders",
                                "Big spenders",
                                "",
                                json("{'event': 'purchase.completed', 'within': '30d', 'sum': 'amount', 'gte': 1000}")),
                        SegmentDefinition.of(
                                "whatsapp-chatty",
                                "Chatty on WhatsApp",
                                "",
                                json(
                                        "{'event': 'message.received', 'where': {'channel': 'whatsapp'}, 'within': '7d', 'count': {'gte': 2}}"))));
        CustomerAggregate customer = aggregate(
                catalog,
                purchase("c-1", daysAgo(3), "600", false),
                purchase("c-1", daysAgo(40), "600", false),
                message("c-1", daysAgo(1), "whatsapp"),
                message("c-1", daysAgo(2), "email"));

        assertThat(memberships(catalog, customer, NOW)).isEmpty();

        customer.apply(purchase("c-1", daysAgo(1), "400", false), catalog.eventFilters());
        customer.apply(message("c-1", daysAgo(0.5), "whatsapp"), catalog.eventFilters());

        assertThat(memberships(catalog, customer, NOW)).containsExactlyInAnyOrder("big-spenders", "whatsapp-chatty");
    }

    @Test
    void onlySegmentsAnEventCanChangeAreEvaluated() {
        assertThat(builtIns.affectedBy(Set.of(EventType.SURVEY_ANSWERED), false))
                .extracting(SegmentDefinition::id)
                .containsExactlyInAnyOrder("detractors", "new-customers", "dormant");
        assertThat(builtIns.affectedBy(Set.of(EventType.PROMOTION_RESPONDED), false))
                .extracting(SegmentDefinition::id)
                .containsExactlyInAnyOrder("promotion-responders", "new-customers", "dormant");
        assertThat(builtIns.affectedBy(Set.of(), true))
                .extracting(SegmentDefinition::id)
                .doesNotContain("detractors");
    }

    @Test
    void unknownReferencesAndCyclesAreFound() {
        SegmentDefinition a = SegmentDefinition.of("a", "A", "", json("{'segment': 'b'}"));
        SegmentDefinition b = SegmentDefinition.of("b", "B", "", json("{'segment': 'a'}"));
        SegmentDefinition c = SegmentDefinition.of("c", "C", "", json("{'segment': 'nowhere'}"));

        assertThat(SegmentCatalog.referenceErrors(b, List.of(a)))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("cycle"));
        assertThat(SegmentCatalog.referenceErrors(c, List.of(a)))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("unknown segment 'nowhere'"));
        assertThat(SegmentCatalog.referenceErrors(
                        SegmentDefinition.of("d", "D", "", json("{'segment': 'd'}")), List.of()))
                .isNotEmpty();
    }
}
