package io.mosaic.segmentation.behavior;

import static io.mosaic.segmentation.Events.event;
import static io.mosaic.segmentation.Events.message;
import static io.mosaic.segmentation.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CustomerAggregateTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    private static final List<InteractionEvent> HISTORY = List.of(
            purchase("c-1", daysAgo(200), "100", false),
            purchase("c-1", daysAgo(50), "250.5", true),
            purchase("c-1", daysAgo(10), "49.5", true),
            event(
                    "acme",
                    "c-1",
                    "purchase.refunded",
                    daysAgo(9),
                    "'properties': {'orderId': 'o-x', 'amount': 20, 'currency': 'IDR'}"),
            message("c-1", daysAgo(5), "whatsapp"),
            message("c-1", daysAgo(4), "whatsapp"),
            message("c-1", daysAgo(100), "email"),
            event("acme", "c-1", "ticket.opened", daysAgo(3), "'channel': 'chat', 'properties': {'ticketId': 't-1'}"),
            event("acme", "c-1", "survey.answered", daysAgo(2), "'properties': {'kind': 'csat', 'score': 2}"),
            event("acme", "c-1", "survey.answered", daysAgo(1), "'properties': {'kind': 'csat', 'score': 3}"),
            event("acme", "c-1", "survey.answered", daysAgo(30), "'properties': {'kind': 'nps', 'score': 9}"),
            event("acme", "c-1", "survey.answered", daysAgo(20), "'properties': {'kind': 'nps', 'score': 4}"),
            event("acme", "c-1", "promotion.sent", daysAgo(15), "'properties': {'campaignId': 'x'}"),
            event(
                    "acme",
                    "c-1",
                    "promotion.responded",
                    daysAgo(14),
                    "'properties': {'campaignId': 'x', 'response': 'clicked'}"),
            event(
                    "acme",
                    "c-1",
                    "customer.identified",
                    daysAgo(60),
                    "'properties': {'traits': {'geographic': {'city': 'Bandung'}}}"),
            event(
                    "acme",
                    "c-1",
                    "customer.identified",
                    daysAgo(6),
                    "'properties': {'traits': {'geographic': {'city': 'Jakarta'}}}"),
            message("c-1", daysAgo(7), "whatsapp"));

    private static List<InteractionEvent> history() {
        return HISTORY;
    }

    private static CustomerAggregate applyAll(List<InteractionEvent> events) {
        CustomerAggregate aggregate = new CustomerAggregate();
        events.forEach(event -> aggregate.apply(event, List.of()));
        return aggregate;
    }

    private static String json(CustomerAggregate aggregate) throws Exception {
        return EventJson.mapper().writeValueAsString(Summaries.of(aggregate, NOW, RfmScale.NONE))
                + EventJson.mapper().writeValueAsString(aggregate.traits);
    }

    @Test
    void theSummaryReflectsTheHistory() {
        BehaviorSummary summary = Summaries.of(applyAll(history()), NOW, RfmScale.NONE);

        assertThat(summary.purchases().count()).isEqualTo(3);
        assertThat(summary.purchases().total()).isEqualByComparingTo("380"); // refund netted
        assertThat(summary.purchases().currency()).isEqualTo("IDR");
        assertThat(summary.purchases().last30d().count()).isEqualTo(1);
        assertThat(summary.purchases().last30d().total()).isEqualByComparingTo("29.5");
        assertThat(summary.purchases().last90d().count()).isEqualTo(2);
        assertThat(summary.purchases().last365d().count()).isEqualTo(3);
        assertThat(summary.flashSalePurchases90d()).isEqualTo(2);
        assertThat(summary.preferredChannel()).isEqualTo("whatsapp");
        assertThat(summary.channels())
                .containsEntry("whatsapp", 3)
                .containsEntry("web", 3)
                .containsEntry("email", 1);
        assertThat(summary.tickets().open()).isEqualTo(1);
        assertThat(summary.csat().average()).isEqualByComparingTo("2.5");
        assertThat(summary.nps().last()).isEqualTo(4); // the later answer wins, whatever arrives last
        assertThat(summary.nps().category()).isEqualTo("detractor");
        assertThat(summary.promotions().responseRate()).isEqualByComparingTo("1");
        assertThat(summary.rfm().recency()).isEqualTo(10);
        assertThat(summary.firstSeenAt()).isEqualTo(daysAgo(200));
    }

    @Test
    void arrivalOrderDoesNotMatter() throws Exception {
        String inOrder = json(applyAll(history()));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<InteractionEvent> shuffled = new ArrayList<>(history());
            Collections.shuffle(shuffled, random);
            assertThat(json(applyAll(shuffled))).isEqualTo(inOrder);
        }
    }

    @Test
    void theLaterTraitWinsWhateverTheArrivalOrder() {
        List<InteractionEvent> reversed = new ArrayList<>(history());
        Collections.reverse(reversed);
        assertThat(applyAll(reversed).traits.get("geographic.city").value()).isEqualTo("Jakarta");
        assertThat(applyAll(history()).traits.get("geographic.city").value()).isEqualTo("Jakarta");
    }

    @Test
    void mergingBeforeOrAfterTheEventsGivesTheSameResult() throws Exception {
        List<InteractionEvent> events = history();
        CustomerAggregate together = applyAll(events);

        CustomerAggregate survivor = applyAll(events.subList(0, 7));
        CustomerAggregate absorbed = applyAll(events.subList(7, events.size()));
        survivor.absorb(absorbed);

        assertThat(json(survivor)).isEqualTo(json(together));
    }

    @Test
    void mergesOfMergesAreAssociative() throws Exception {
        List<InteractionEvent> events = history();
        CustomerAggregate a = applyAll(events.subList(0, 5));
        CustomerAggregate b = applyAll(events.subList(5, 10));
        CustomerAggregate c = applyAll(events.subList(10, events.size()));
        CustomerAggregate a2 = applyAll(events.subList(0, 5));
        CustomerAggregate b2 = applyAll(events.subList(5, 10));
        CustomerAggregate c2 = applyAll(events.subList(10, events.size()));

        b.absorb(c); // (c into b) into a
        a.absorb(b);
        a2.absorb(b2); // b into a, then c into a
        a2.absorb(c2);

        assertThat(json(a)).isEqualTo(json(a2)).isEqualTo(json(applyAll(events)));
    }

    @Test
    void windowsSlideWithTimeAlone() {
        CustomerAggregate aggregate = applyAll(List.of(purchase("c-1", daysAgo(29.5), "10", true)));

        assertThat(Summaries.of(aggregate, NOW, RfmScale.NONE)
                        .purchases()
                        .last30d()
                        .count())
                .isEqualTo(1);
        assertThat(Summaries.of(aggregate, NOW.plus(Duration.ofDays(1)), RfmScale.NONE)
                        .purchases()
                        .last30d()
                        .count())
                .isZero();
        assertThat(Summaries.of(aggregate, NOW.plus(Duration.ofDays(61)), RfmScale.NONE)
                        .flashSalePurchases90d())
                .isZero();
    }

    @Test
    void compactingOldDaysChangesNothingVisible() throws Exception {
        CustomerAggregate aggregate = applyAll(history());
        aggregate.apply(purchase("c-1", daysAgo(500), "7", false), List.of());
        String before = json(aggregate);

        aggregate.compact(NOW);

        assertThat(aggregate.days.firstKey()).isGreaterThan(CustomerAggregate.epochDay(daysAgo(401)));
        assertThat(json(aggregate)).isEqualTo(before);
    }

    @Test
    void theAggregateSurvivesItsJsonForm() throws Exception {
        CustomerAggregate aggregate = applyAll(history());
        CustomerAggregate read =
                EventJson.mapper().readValue(EventJson.mapper().writeValueAsBytes(aggregate), CustomerAggregate.class);
        assertThat(json(read)).isEqualTo(json(aggregate));
    }

    @Test
    void churnRiskFollowsTheUsualGap() {
        CustomerAggregate regular = applyAll(List.of(
                purchase("c-1", daysAgo(100), "1", false),
                purchase("c-1", daysAgo(90), "1", false),
                purchase("c-1", daysAgo(80), "1", false)));
        // usual gap 10 days; 80 days since > 3 x 10 and >= 60
        assertThat(Summaries.churnRisk(regular, 3, NOW)).isEqualTo("high");

        CustomerAggregate recent =
                applyAll(List.of(purchase("c-1", daysAgo(40), "1", false), purchase("c-1", daysAgo(35), "1", false)));
        // gap 5 days, 35 days since: more than twice the gap, but under 60 days
        assertThat(Summaries.churnRisk(recent, 2, NOW)).isEqualTo("medium");

        assertThat(Summaries.churnRisk(applyAll(List.of(message("c-1", daysAgo(1), "chat"))), 0, NOW))
                .isEqualTo("none");
    }

    @Test
    void rfmScoresComeFromTheTenantsQuintiles() {
        RfmScale scale = new RfmScale(
                List.of(7.0, 30.0, 90.0, 180.0), List.of(1.0, 2.0, 3.0, 5.0), List.of(100.0, 200.0, 300.0, 500.0));
        CustomerAggregate aggregate = applyAll(List.of(
                purchase("c-1", daysAgo(3), "400", false),
                purchase("c-1", daysAgo(20), "400", false),
                purchase("c-1", daysAgo(40), "400", false),
                purchase("c-1", daysAgo(60), "400", false)));

        BehaviorSummary.Rfm rfm = Summaries.of(aggregate, NOW, scale).rfm();

        assertThat(rfm.recency()).isEqualTo(3);
        assertThat(rfm.score()).isEqualTo(5 + 4 + 5);
        assertThat(Summaries.of(aggregate, NOW, scale).loyaltyTier()).isEqualTo("platinum");
    }

    @Test
    void eachWindowHoldsTheDaysAfterItsStartAndLifetimeTheFoldedDaysToo() {
        CustomerAggregate aggregate = new CustomerAggregate();
        long today = CustomerAggregate.epochDay(NOW);
        int[] daysBack = {-1, 0, 29, 30, 89, 90, 364, 365, 399};
        for (int i = 0; i < daysBack.length; i++) {
            DayBucket bucket = new DayBucket();
            bucket.events = 1 << i; // each day its own bit: the sums say exactly which days were added
            aggregate.days.put(today - daysBack[i], bucket);
        }
        aggregate.earlier.events = 1 << 12;

        CustomerAggregate.Totals totals = aggregate.totals(NOW);

        assertThat(totals.last30().events).isEqualTo(0b111); // tomorrow, today, 29 days ago
        assertThat(totals.last90().events).isEqualTo(0b11111);
        assertThat(totals.last365().events).isEqualTo(0b1111111);
        assertThat(totals.lifetime().events).isEqualTo(0b1_0001_1111_1111);
    }
}
