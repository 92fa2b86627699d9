package io.mosaic.benchmarks;

import io.mosaic.events.Channel;
import io.mosaic.events.EventType;
import io.mosaic.events.Identifiers;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.CustomerIdentified;
import io.mosaic.events.properties.EventProperties;
import io.mosaic.events.properties.MessageExchanged;
import io.mosaic.events.properties.PromotionKind;
import io.mosaic.events.properties.PromotionResponded;
import io.mosaic.events.properties.PromotionSent;
import io.mosaic.events.properties.PurchaseCompleted;
import io.mosaic.events.properties.SurveyAnswered;
import io.mosaic.events.properties.TicketOpened;
import io.mosaic.events.properties.Traits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A reproducible stream of an omnichannel business's events: purchases (some in flash sales), messages on every
 * channel, tickets, surveys, promotions and profile updates, spread over the last 120 days.
 */
final class EventStream {
    private static final Channel[] CHANNELS = {
        Channel.WHATSAPP, Channel.EMAIL, Channel.CHAT, Channel.PHONE, Channel.SOCIAL
    };
    private static final String[] CITIES = {"Jakarta", "Bandung", "Surabaya", "Medan", "Denpasar", "Yogyakarta"};

    private final Random random;
    private final String tenant;
    private final int customers;
    private final Instant now;
    private long sequence;

    EventStream(String tenant, int customers, long seed, Instant now) {
        this.random = new Random(seed);
        this.tenant = tenant;
        this.customers = customers;
        this.now = now;
    }

    /** The {@code index}-th event: the first event of each customer comes in the first {@code customers} events. */
    InteractionEvent next(String runId) {
        long index = sequence++;
        int customer = index < customers ? (int) index : random.nextInt(customers);
        Instant at = index < customers
                ? now.minusSeconds(random.nextInt(3600))
                : now.minus(Duration.ofMinutes(random.nextInt(120 * 24 * 60)));
        int dice = random.nextInt(100);
        EventType type;
        EventProperties properties;
        Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
        if (dice < 30) {
            type = EventType.PURCHASE_COMPLETED;
            PurchaseCompleted.Promotion promotion =
                    random.nextInt(5) == 0 ? new PurchaseCompleted.Promotion("FLASH", PromotionKind.FLASH_SALE) : null;
            properties = new PurchaseCompleted(
                    "o-" + index,
                    BigDecimal.valueOf(10_000 + random.nextInt(990_000)),
                    "IDR",
                    List.of(),
                    promotion,
                    null);
            channel = Channel.WEB;
        } else if (dice < 65) {
            type = random.nextBoolean() ? EventType.MESSAGE_RECEIVED : EventType.MESSAGE_SENT;
            properties = new MessageExchanged(null, null);
        } else if (dice < 75) {
            type = EventType.TICKET_OPENED;
            properties = new TicketOpened("t-" + index, "billing", TicketOpened.Priority.NORMAL, null, null);
        } else if (dice < 80) {
            type = EventType.SURVEY_ANSWERED;
            boolean nps = random.nextBoolean();
            properties = new SurveyAnswered(
                    nps ? SurveyAnswered.Kind.NPS : SurveyAnswered.Kind.CSAT,
                    BigDecimal.valueOf(nps ? random.nextInt(11) : 1 + random.nextInt(5)),
                    null,
                    null,
                    null);
        } else if (dice < 90) {
            type = EventType.PROMOTION_SENT;
            properties = new PromotionSent("c-" + (index % 20), PromotionKind.DISCOUNT, null);
        } else if (dice < 95) {
            type = EventType.PROMOTION_RESPONDED;
            properties = new PromotionResponded("c-" + (index % 20), PromotionResponded.Response.CLICKED, null);
        } else {
            type = EventType.CUSTOMER_IDENTIFIED;
            properties = new CustomerIdentified(
                    new Traits(
                            new Traits.Demographic(
                                    1960 + random.nextInt(45),
                                    null,
                                    random.nextBoolean() ? "female" : "male",
                                    null,
                                    null,
                                    null),
                            new Traits.Geographic("ID", null, CITIES[random.nextInt(CITIES.length)], null, null),
                            new Traits.Psychographic(List.of("coffee"), null, null, null),
                            null),
                    null);
            channel = null;
        }
        return new InteractionEvent(
                runId + "-" + index,
                type,
                at,
                now,
                tenant,
                "bench",
                "cust-" + customer,
                channel,
                Identifiers.NONE,
                properties,
                InteractionEvent.SCHEMA_VERSION);
    }
}
