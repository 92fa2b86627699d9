package io.mosaic.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible history of an Indonesian omnichannel shop: customers with demographic, geographic and
 * psychographic traits, contacts on every channel, purchases with and without flash sales, promotions, tickets,
 * CSAT and NPS answers, and duplicate contacts that share an email. Customers follow archetypes so that every
 * built-in segment fills: new, dormant, at risk, flash-sale hunters, promotion responders, detractors, loyal buyers.
 */
public final class DemoHistory {
    static final String SAMPLE = "cust-0007";

    private static final String[] CITIES = {
        "Jakarta", "Bandung", "Surabaya", "Medan", "Denpasar", "Yogyakarta", "Makassar"
    };
    private static final String[] REGIONS = {
        "DKI Jakarta", "Jawa Barat", "Jawa Timur", "Sumatera Utara", "Bali", "DI Yogyakarta", "Sulawesi Selatan"
    };
    private static final String[] INTERESTS = {
        "fashion", "gadgets", "cooking", "travel", "fitness", "gaming", "beauty", "football"
    };
    private static final String[] VALUES = {"price", "quality", "sustainability", "convenience"};
    private static final String[] LIFESTYLES = {"urban", "family", "student", "outdoors"};
    private static final String[] CHANNELS = {"whatsapp", "email", "chat", "phone", "social"};
    private static final String[] OCCUPATIONS = {"teacher", "engineer", "student", "entrepreneur", "nurse", "designer"};

    private final int firstCustomer;
    private final int customers;
    private final Instant now;
    private final Random random;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private long sequence;

    public DemoHistory(int customers, Instant now, long seed) {
        this(0, customers, now, seed);
    }

    /** Customers {@code firstCustomer} to {@code firstCustomer + customers - 1}: histories built in parts. */
    public DemoHistory(int firstCustomer, int customers, Instant now, long seed) {
        this.firstCustomer = firstCustomer;
        this.customers = customers;
        this.now = now;
        this.random = new Random(seed);
    }

    public List<Map<String, Object>> events() {
        for (int i = firstCustomer; i < firstCustomer + customers; i++) {
            customer(i);
        }
        return events;
    }

    private void customer(int index) {
        String id = String.format("cust-%04d", index);
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        int archetype = index % 10;
        // first contact: new customers in the last 3 weeks, dormant ones 200-400 days ago, others 120-360 days ago
        Instant firstSeen = switch (archetype) {
            case 0 -> daysAgo(1 + random.nextInt(20));
            case 1 -> daysAgo(200 + random.nextInt(200));
            default -> daysAgo(120 + random.nextInt(240));
        };
        identified(id, firstSeen, index);
        if (index % 20 == 3) {
            // the same person wrote in from a second account with the same email: merged automatically
            identified(id + "-wa", firstSeen.plus(Duration.ofDays(2)), index);
        }
        switch (archetype) {
            case 0 -> purchases(id, daysAgo(random.nextInt(3)), 1 + random.nextInt(2), 3, false);
            case 1 -> {
                purchases(id, firstSeen.plus(Duration.ofDays(10)), 2, 5, false);
                message(id, firstSeen.plus(Duration.ofDays(3)), channel);
            }
            case 2 -> { // bought every ~10 days, then went quiet 100+ days ago: churn risk
                Instant lastBuy = daysAgo(100 + random.nextInt(30));
                for (int n = 0; n < 6; n++) {
                    purchase(id, lastBuy.minus(Duration.ofDays(10L * n)), false);
                }
            }
            case 3 -> { // flash-sale hunters
                for (int n = 0; n < 3 + random.nextInt(3); n++) {
                    purchase(id, daysAgo(random.nextInt(80)), true);
                }
            }
            case 4 -> { // answer promotions
                Instant sent = daysAgo(5 + random.nextInt(60));
                event(
                        id,
                        "promotion.sent",
                        sent,
                        channel,
                        Map.of("campaignId", "payday-" + random.nextInt(3), "kind", "discount"));
                event(
                        id,
                        "promotion.responded",
                        sent.plus(Duration.ofHours(3)),
                        channel,
                        Map.of("campaignId", "payday-0", "response", random.nextBoolean() ? "clicked" : "redeemed"));
                purchases(id, daysAgo(10 + random.nextInt(20)), 2, 30, false);
            }
            case 5 -> { // unhappy: tickets and a low NPS
                event(
                        id,
                        "ticket.opened",
                        daysAgo(20),
                        channel,
                        Map.of("ticketId", "t-" + index, "category", "delivery", "priority", "high"));
                event(id, "survey.answered", daysAgo(15), channel, Map.of("kind", "nps", "score", random.nextInt(7)));
                purchases(id, daysAgo(30 + random.nextInt(30)), 1, 60, false);
            }
            default -> { // loyal buyers, some of them big spenders
                purchases(id, daysAgo(random.nextInt(15)), 4 + random.nextInt(12), 20, random.nextInt(6) == 0);
                event(
                        id,
                        "survey.answered",
                        daysAgo(random.nextInt(60)),
                        channel,
                        Map.of(
                                "kind",
                                "csat",
                                "score",
                                3 + random.nextInt(3),
                                "answers",
                                Map.of(
                                        "psychographic",
                                        Map.of("values", List.of(VALUES[random.nextInt(VALUES.length)])))));
                message(id, daysAgo(random.nextInt(40)), channel);
            }
        }
    }

    private void identified(String id, Instant at, int index) {
        Map<String, Object> identifiers = new LinkedHashMap<>();
        identifiers.put("email", String.format("customer%04d@mail.co.id", index));
        identifiers.put("phone", String.format("+62812%04d%04d", 1000 + index % 9000, 1000 + index));
        if (index % 3 == 0) {
            identifiers.put("whatsapp", identifiers.get("phone"));
        }
        int city = random.nextInt(CITIES.length);
        Map<String, Object> traits = Map.of(
                "demographic",
                        Map.of(
                                "birthYear",
                                1960 + random.nextInt(45),
                                "gender",
                                random.nextBoolean() ? "female" : "male",
                                "occupation",
                                OCCUPATIONS[random.nextInt(OCCUPATIONS.length)]),
                "geographic", Map.of("country", "ID", "region", REGIONS[city], "city", CITIES[city]),
                "psychographic",
                        Map.of(
                                "interests",
                                        List.of(
                                                        INTERESTS[random.nextInt(INTERESTS.length)],
                                                        INTERESTS[random.nextInt(INTERESTS.length)])
                                                .stream()
                                                .distinct()
                                                .toList(),
                                "lifestyle", List.of(LIFESTYLES[random.nextInt(LIFESTYLES.length)])));
        Map<String, Object> event = envelope(id, "customer.identified", at, null);
        event.put("identifiers", identifiers);
        event.put("properties", Map.of("traits", traits));
        events.add(event);
    }

    /** {@code count} purchases, the newest at {@code newest}, each earlier one 1 to {@code gapDays} days before. */
    private void purchases(String id, Instant newest, int count, int gapDays, boolean bigSpender) {
        Instant at = newest;
        for (int n = 0; n < count; n++) {
            purchase(id, at, false, bigSpender);
            at = at.minus(Duration.ofDays(1 + random.nextInt(gapDays)));
        }
    }

    private void purchase(String id, Instant at, boolean flashSale) {
        purchase(id, at, flashSale, false);
    }

    private void purchase(String id, Instant at, boolean flashSale, boolean bigSpender) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("orderId", "o-" + (++sequence));
        properties.put("amount", (bigSpender ? 2_000_000 : 50_000) + random.nextInt(500) * 1_000);
        properties.put("currency", "IDR");
        if (flashSale) {
            properties.put("promotion", Map.of("code", "FLASH11", "kind", "flash_sale"));
        }
        event(id, "purchase.completed", at, "web", properties);
    }

    private void message(String id, Instant at, String channel) {
        event(id, "message.received", at, channel, Map.of());
    }

    private void event(String id, String type, Instant at, String channel, Map<String, Object> properties) {
        Map<String, Object> event = envelope(id, type, at, channel);
        event.put("properties", properties);
        events.add(event);
    }

    private Map<String, Object> envelope(String id, String type, Instant at, String channel) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "demo-" + (firstCustomer == 0 ? "" : firstCustomer + "-") + (++sequence));
        event.put("type", type);
        event.put("occurredAt", at.toString());
        event.put("source", type.startsWith("purchase") ? "shop" : type.startsWith("survey") ? "survey-tool" : "prose");
        event.put("customerId", id);
        if (channel != null) {
            event.put("channel", channel);
        }
        return event;
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(random.nextInt(600)));
    }
}
