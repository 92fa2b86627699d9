package io.mosaic.events;

import static io.mosaic.events.Presence.OPTIONAL;
import static io.mosaic.events.Presence.REQUIRED;

import io.mosaic.events.properties.*;
import java.math.BigDecimal;
import java.time.Year;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code properties} of each event type (docs/EVENTS.md, Types) into its record. */
final class PropertiesReader {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:#/@+-]{1," + Limits.ID_LENGTH + "}");
    private static final String ID_RULE = "1-" + Limits.ID_LENGTH + " letters, digits or ._:#/@+-";
    private static final int FIRST_BIRTH_YEAR = 1900;
    // ISO 4217 codes, without those that are no money: "no currency" and the testing code. Computed once: the JDK
    // builds a new set of every currency on each call, which cost a tenth of the ingestion service's CPU.
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .filter(code -> !code.equals("XXX") && !code.equals("XTS"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private PropertiesReader() {}

    static EventProperties read(EventType type, FieldReader in) {
        EventProperties properties = switch (type) {
            case CUSTOMER_IDENTIFIED ->
                new CustomerIdentified(
                        in.object("traits", REQUIRED)
                                .map(PropertiesReader::traits)
                                .orElse(null),
                        custom(in));
            case CUSTOMER_MERGED -> new CustomerMerged(id(in, "mergedCustomerId", REQUIRED), custom(in));
            case CONSENT_UPDATED ->
                new ConsentUpdated(
                        in.choice("purpose", REQUIRED, ConsentUpdated.Purpose.class),
                        Boolean.TRUE.equals(in.bool("granted", REQUIRED)),
                        custom(in));
            case CUSTOMER_ERASED -> new CustomerErased();
            case TICKET_OPENED ->
                new TicketOpened(
                        id(in, "ticketId", REQUIRED),
                        in.text("category", OPTIONAL, Limits.KEY_LENGTH),
                        in.choice("priority", OPTIONAL, TicketOpened.Priority.class),
                        in.text("subject", OPTIONAL, Limits.TEXT_LENGTH),
                        custom(in));
            case TICKET_RESOLVED ->
                new TicketResolved(
                        id(in, "ticketId", REQUIRED),
                        in.decimal("firstResponseMinutes", OPTIONAL, BigDecimal.ZERO, false),
                        in.decimal("resolutionMinutes", OPTIONAL, BigDecimal.ZERO, false),
                        in.bool("reopened", OPTIONAL),
                        custom(in));
            case MESSAGE_RECEIVED, MESSAGE_SENT -> new MessageExchanged(id(in, "ticketId", OPTIONAL), custom(in));
            case SURVEY_ANSWERED -> survey(in);
            case PURCHASE_COMPLETED ->
                new PurchaseCompleted(
                        id(in, "orderId", REQUIRED),
                        positiveAmount(in, "amount"),
                        currency(in),
                        in.objects("items", OPTIONAL, Limits.LIST_ITEMS).stream()
                                .map(PropertiesReader::item)
                                .toList(),
                        in.object("promotion", OPTIONAL)
                                .map(PropertiesReader::promotion)
                                .orElse(null),
                        custom(in));
            case PURCHASE_REFUNDED ->
                new PurchaseRefunded(
                        id(in, "orderId", REQUIRED), positiveAmount(in, "amount"), currency(in), custom(in));
            case PROMOTION_SENT ->
                new PromotionSent(
                        id(in, "campaignId", REQUIRED), in.choice("kind", OPTIONAL, PromotionKind.class), custom(in));
            case INTERACTION_TRACKED ->
                new InteractionTracked(
                        in.text("name", REQUIRED, Limits.ID_LENGTH),
                        in.choice("kind", REQUIRED, InteractionTracked.Kind.class),
                        custom(in));
            case PROMOTION_RESPONDED ->
                new PromotionResponded(
                        id(in, "campaignId", REQUIRED),
                        in.choice("response", REQUIRED, PromotionResponded.Response.class),
                        custom(in));
        };
        in.rejectUnknown();
        return properties;
    }

    static String id(FieldReader in, String name, Presence presence) {
        return in.text(name, presence, ID, ID_RULE);
    }

    private static Map<String, Object> custom(FieldReader in) {
        return in.scalars("custom", true);
    }

    private static BigDecimal positiveAmount(FieldReader in, String name) {
        return in.decimal(name, REQUIRED, BigDecimal.ZERO, true);
    }

    private static String currency(FieldReader in) {
        String code = in.text("currency", REQUIRED, 3);
        if (code == null) {
            return null;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        if (!CURRENCIES.contains(upper)) {
            in.fail("currency", "must be an ISO 4217 currency code, e.g. IDR or EUR");
            return null;
        }
        return upper;
    }

    private static PurchaseCompleted.Item item(FieldReader in) {
        PurchaseCompleted.Item item = new PurchaseCompleted.Item(
                id(in, "sku", REQUIRED),
                in.text("category", OPTIONAL, Limits.KEY_LENGTH),
                in.integer("quantity", OPTIONAL, 1, 1_000_000),
                in.decimal("unitPrice", OPTIONAL, BigDecimal.ZERO, false));
        in.rejectUnknown();
        return item;
    }

    private static PurchaseCompleted.Promotion promotion(FieldReader in) {
        PurchaseCompleted.Promotion promotion = new PurchaseCompleted.Promotion(
                in.text("code", OPTIONAL, Limits.KEY_LENGTH), in.choice("kind", REQUIRED, PromotionKind.class));
        in.rejectUnknown();
        return promotion;
    }

    private static SurveyAnswered survey(FieldReader in) {
        SurveyAnswered.Kind kind = in.choice("kind", REQUIRED, SurveyAnswered.Kind.class);
        BigDecimal score = kind == SurveyAnswered.Kind.CSAT
                ? wholeScore(in, 1, 5)
                : kind == SurveyAnswered.Kind.NPS
                        ? wholeScore(in, 0, 10)
                        : in.decimal("score", OPTIONAL, BigDecimal.valueOf(-1_000_000), false);
        Map<String, Object> answers = null;
        Traits.Psychographic psychographic = null;
        FieldReader answersReader = in.object("answers", OPTIONAL).orElse(null);
        if (answersReader != null) {
            psychographic = answersReader
                    .object("psychographic", OPTIONAL)
                    .map(PropertiesReader::psychographic)
                    .orElse(null);
            answers = answersReader.unreadScalars();
        }
        return new SurveyAnswered(kind, score, answers, psychographic, custom(in));
    }

    private static BigDecimal wholeScore(FieldReader in, int min, int max) {
        Integer score = in.integer("score", REQUIRED, min, max);
        return score == null ? null : BigDecimal.valueOf(score);
    }

    private static Traits traits(FieldReader in) {
        Traits traits = new Traits(
                in.object("demographic", OPTIONAL)
                        .map(PropertiesReader::demographic)
                        .orElse(null),
                in.object("geographic", OPTIONAL)
                        .map(PropertiesReader::geographic)
                        .orElse(null),
                in.object("psychographic", OPTIONAL)
                        .map(PropertiesReader::psychographic)
                        .orElse(null),
                in.scalars("custom", false));
        in.rejectUnknown();
        return traits;
    }

    private static Traits.Demographic demographic(FieldReader in) {
        Traits.Demographic demographic = new Traits.Demographic(
                in.integer("birthYear", OPTIONAL, FIRST_BIRTH_YEAR, Year.now().getValue()),
                in.text("ageRange", OPTIONAL, Limits.KEY_LENGTH),
                in.text("gender", OPTIONAL, Limits.KEY_LENGTH),
                in.text("education", OPTIONAL, Limits.KEY_LENGTH),
                in.text("occupation", OPTIONAL, Limits.KEY_LENGTH),
                in.text("incomeBand", OPTIONAL, Limits.KEY_LENGTH));
        in.rejectUnknown();
        return demographic;
    }

    private static Traits.Geographic geographic(FieldReader in) {
        String country = in.text("country", OPTIONAL, 2);
        String upper = country == null ? null : country.toUpperCase(Locale.ROOT);
        if (upper != null && !COUNTRIES.contains(upper)) {
            in.fail("country", "must be an ISO 3166-1 alpha-2 country code, e.g. ID or DE");
            upper = null;
        }
        Traits.Geographic geographic = new Traits.Geographic(
                upper,
                in.text("region", OPTIONAL, Limits.KEY_LENGTH * 2),
                in.text("city", OPTIONAL, Limits.KEY_LENGTH * 2),
                in.text("district", OPTIONAL, Limits.KEY_LENGTH * 2),
                in.text("postalCode", OPTIONAL, 16));
        in.rejectUnknown();
        return geographic;
    }

    private static Traits.Psychographic psychographic(FieldReader in) {
        Traits.Psychographic psychographic = new Traits.Psychographic(
                in.texts("interests", Limits.LIST_ITEMS, Limits.KEY_LENGTH),
                in.texts("values", Limits.LIST_ITEMS, Limits.KEY_LENGTH),
                in.texts("lifestyle", Limits.LIST_ITEMS, Limits.KEY_LENGTH),
                in.texts("motivations", Limits.LIST_ITEMS, Limits.KEY_LENGTH));
        in.rejectUnknown();
        return psychographic;
    }
}
