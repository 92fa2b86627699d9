package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.properties.PromotionKind;
import io.mosaic.events.properties.PurchaseCompleted;
import io.mosaic.events.properties.SurveyAnswered;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode purchase() {
        return json("""
                {'eventId': 'shop-1001', 'type': 'purchase.completed', 'occurredAt': '2026-11-30T10:15:00+07:00',
                 'source': 'shop', 'customerId': 'c-42', 'channel': 'web',
                 'identifiers': {'email': ' Ana@Example.COM', 'phone': '+62 812-3456-7890', 'externalIds': {'zendesk': '991'}},
                 'properties': {'orderId': 'o-1', 'amount': 150000.50, 'currency': 'idr',
                   'items': [{'sku': 'tee-1', 'category': 'apparel', 'quantity': 2, 'unitPrice': 75000.25}],
                   'promotion': {'code': 'FLASH11', 'kind': 'flash_sale'}, 'custom': {'storeId': 'jkt-3', 'tags': ['a', 'b']}}}
                """);
    }

    private List<FieldError> errorsOf(JsonNode input) {
        ValidationResult result = validator.validate(input, "acme");
        assertThat(result.valid()).as("expected a rejection").isFalse();
        return result.errors();
    }

    private void assertRejected(JsonNode input, String field, String messagePart) {
        assertThat(errorsOf(input)).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(messagePart);
        });
    }

    @Test
    void aValidPurchaseIsNormalised() {
        ValidationResult result = validator.validate(purchase(), "acme");

        assertThat(result.errors()).isEmpty();
        InteractionEvent event = result.event();
        assertThat(event.eventId()).isEqualTo("shop-1001");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.key()).isEqualTo("acme:c-42");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-30T03:15:00Z"));
        assertThat(event.receivedAt()).isEqualTo(NOW);
        assertThat(event.channel()).isEqualTo(Channel.WEB);
        assertThat(event.identifiers().email()).isEqualTo("ana@example.com");
        assertThat(event.identifiers().phone()).isEqualTo("+6281234567890");
        assertThat(event.identifiers().externalIds()).containsEntry("zendesk", "991");
        PurchaseCompleted purchase = event.propertiesAs(PurchaseCompleted.class);
        assertThat(purchase.amount()).isEqualByComparingTo("150000.5");
        assertThat(purchase.currency()).isEqualTo("IDR");
        assertThat(purchase.items())
                .singleElement()
                .satisfies(item -> assertThat(item.quantity()).isEqualTo(2));
        assertThat(purchase.promotion().kind()).isEqualTo(PromotionKind.FLASH_SALE);
        assertThat(purchase.custom()).containsEntry("storeId", "jkt-3").containsKey("tags");
    }

    @Test
    void anEventWithoutIdGetsAUuid() {
        ObjectNode input = purchase();
        input.remove("eventId");

        InteractionEvent event = validator.validate(input, "acme").event();

        assertThat(event.eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void everyFaultIsReportedWithItsPath() {
        ObjectNode input = purchase();
        input.put("customerId", "");
        ((ObjectNode) input.get("properties")).put("amount", -5);
        ((ObjectNode) input.get("properties").get("items").get(0)).put("quantity", 0);

        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("customerId", "properties.amount", "properties.items[0].quantity");
    }

    @Test
    void requiredEnvelopeFieldsAreNamed() {
        assertThat(errorsOf(json("{}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("type", "occurredAt", "source", "customerId");
    }

    @Test
    void unknownTypesAreRejectedNotDropped() {
        ObjectNode input = purchase();
        input.put("type", "purchase.teleported");
        assertRejected(input, "type", "must be one of: customer.identified");
    }

    @Test
    void platformEventsCannotBeSentByClients() {
        ObjectNode input = purchase();
        input.put("type", "customer.erased");
        input.remove("properties");
        assertRejected(input, "type", "DELETE /v1/profiles/{customerId}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant", "receivedAt"})
    void fieldsSetByThePlatformAreRefused(String field) {
        ObjectNode input = purchase();
        input.put(field, field.equals("tenant") ? "other-tenant" : "2026-11-30T10:00:00Z");
        assertRejected(input, field, "set by Mosaic");
    }

    @Test
    void eventIdsAreRestrictedToTheirAlphabetAndLength() {
        ObjectNode input = purchase();
        input.put("eventId", "has space");
        assertRejected(input, "eventId", "1-128 characters");
        input.put("eventId", "a".repeat(129));
        assertRejected(input, "eventId", "1-128 characters");
        input.put("eventId", "a".repeat(128));
        assertThat(validator.validate(input, "acme").valid()).isTrue();
    }

    @Test
    void occurredAtMayBeOldButNotMoreThanADayAhead() {
        ObjectNode input = purchase();
        input.put("occurredAt", "2019-01-01T00:00:00Z");
        assertThat(validator.validate(input, "acme").valid()).isTrue();

        input.put("occurredAt", NOW.plusSeconds(24 * 3600).toString());
        assertThat(validator.validate(input, "acme").valid()).isTrue();

        input.put("occurredAt", NOW.plusSeconds(24 * 3600 + 1).toString());
        assertRejected(input, "occurredAt", "24 hours in the future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30 10:15:00", "2026-11-30T10:15:00", "yesterday", "2026-13-01T00:00:00Z"})
    void occurredAtMustBeRfc3339WithOffset(String value) {
        ObjectNode input = purchase();
        input.put("occurredAt", value);
        assertRejected(input, "occurredAt", "RFC 3339");
    }

    @Test
    void ticketAndMessageEventsNeedAChannel() {
        ObjectNode ticket = json(
                "{'type': 'ticket.opened', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'zendesk', 'customerId': 'c-1',"
                        + " 'properties': {'ticketId': 't-1', 'priority': 'urgent'}}");
        assertRejected(ticket, "channel", "is required");
        ticket.put("channel", "carrier-pigeon");
        assertRejected(ticket, "channel", "must be one of: email, chat, whatsapp");
        ticket.put("channel", "whatsapp");
        assertThat(validator.validate(ticket, "acme").valid()).isTrue();
    }

    @Test
    void unknownKeysAreRejectedEverywhereButCustom() {
        ObjectNode input = purchase();
        input.put("colour", "blue");
        ((ObjectNode) input.get("properties")).put("discountCode", "X");
        ((ObjectNode) input.get("identifiers")).put("fax", "+4930123456");

        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("colour", "properties.discountCode", "identifiers.fax");
    }

    @Test
    void identifiersAreValidated() {
        ObjectNode input = purchase();
        ObjectNode identifiers = (ObjectNode) input.get("identifiers");
        identifiers.put("email", "not-an-email");
        identifiers.put("phone", "0812345678");
        identifiers.put("whatsapp", "+62 812 3456 7890");
        identifiers.putObject("externalIds").put("has space", "1");

        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "identifiers.email", "identifiers.phone", "identifiers.externalIds.has space");
    }

    @Test
    void currencyAndCountryMustBeIsoCodes() {
        ObjectNode input = purchase();
        ((ObjectNode) input.get("properties")).put("currency", "XYZ");
        assertRejected(input, "properties.currency", "ISO 4217");
        ((ObjectNode) input.get("properties")).put("currency", "XXX");
        assertRejected(input, "properties.currency", "ISO 4217");

        ObjectNode identified = json(
                "{'type': 'customer.identified', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'crm', 'customerId': 'c-1',"
                        + " 'properties': {'traits': {'geographic': {'country': 'XX', 'city': 'Bandung'}}}}");
        assertRejected(identified, "properties.traits.geographic.country", "ISO 3166-1");
        ((ObjectNode) identified.at("/properties/traits/geographic")).put("country", "id");
        assertThat(validator.validate(identified, "acme").event().properties())
                .extracting("traits.geographic.country")
                .isEqualTo("ID");
    }

    @Test
    void amountsMustBePositiveNumbers() {
        ObjectNode input = purchase();
        ((ObjectNode) input.get("properties")).put("amount", 0);
        assertRejected(input, "properties.amount", "greater than 0");
        ((ObjectNode) input.get("properties")).put("amount", "100");
        assertRejected(input, "properties.amount", "must be a number");
    }

    @Test
    void numbersAreBoundedInMagnitudeAndScaleWhereverTheyEnter() {
        for (String huge : new String[] {"1e999999999", "1e-999999999", "1000000000000000", "0.0000001"}) {
            java.math.BigDecimal number = new java.math.BigDecimal(huge);
            ObjectNode input = purchase();
            ((ObjectNode) input.get("properties")).put("amount", number);
            assertRejected(input, "properties.amount", "below 10^15");
            input = purchase();
            ((ObjectNode) input.at("/properties/items/0")).put("unitPrice", number);
            assertRejected(input, "properties.items[0].unitPrice", "at most 6 decimal places");
            input = purchase();
            ((ObjectNode) input.at("/properties/custom")).put("big", number);
            assertRejected(input, "properties.custom.big", "finite number");
        }
        ObjectNode largest = purchase();
        ((ObjectNode) largest.get("properties")).put("amount", new java.math.BigDecimal("999999999999999.999999"));
        assertThat(validator.validate(largest, "acme").errors()).isEmpty();
    }

    @Test
    void surveyScoresDependOnTheirKind() {
        ObjectNode survey = json(
                "{'type': 'survey.answered', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'survey-tool', 'customerId': 'c-1',"
                        + " 'properties': {'kind': 'csat', 'score': 6}}");
        assertRejected(survey, "properties.score", "from 1 to 5");
        ((ObjectNode) survey.get("properties")).put("kind", "nps");
        assertThat(validator.validate(survey, "acme").valid()).isTrue();
        ((ObjectNode) survey.get("properties")).put("score", 11);
        assertRejected(survey, "properties.score", "from 0 to 10");
    }

    @Test
    void surveyAnswersMayCarryPsychographicTraits() {
        ObjectNode survey = json(
                "{'type': 'survey.answered', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'survey-tool', 'customerId': 'c-1',"
                        + " 'properties': {'kind': 'custom', 'answers': {'favouriteStore': 'Bandung',"
                        + " 'psychographic': {'interests': ['running', 'running', 'coffee']}}}}");

        SurveyAnswered answered = validator.validate(survey, "acme").event().propertiesAs(SurveyAnswered.class);

        assertThat(answered.psychographic().interests()).containsExactly("running", "coffee");
        assertThat(answered.answers()).containsOnlyKeys("favouriteStore");

        ((ObjectNode) survey.at("/properties/answers/psychographic")).put("hobbies", "x");
        assertRejected(survey, "properties.answers.psychographic.hobbies", "not a field");
    }

    @Test
    void customValuesAreScalarsOrListsOfScalars() {
        ObjectNode input = purchase();
        ((ObjectNode) input.at("/properties/custom")).putObject("nested").put("a", 1);
        assertRejected(input, "properties.custom.nested", "a string, number, boolean or a list of them");
    }

    @Test
    void traitCustomValuesAreScalarsOnly() {
        ObjectNode identified = json(
                "{'type': 'customer.identified', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'crm', 'customerId': 'c-1',"
                        + " 'properties': {'traits': {'custom': {'vip': true, 'tags': ['a']}}}}");
        assertRejected(identified, "properties.traits.custom.tags", "a string, number or boolean");
    }

    @Test
    void sizesAreBounded() {
        ObjectNode input = purchase();
        input.put("source", "s".repeat(Limits.SOURCE_LENGTH + 1));
        ObjectNode custom = (ObjectNode) input.at("/properties/custom");
        for (int i = 0; i <= Limits.MAP_ENTRIES; i++) {
            custom.put("k" + i, i);
        }
        var items = ((ObjectNode) input.at("/properties")).withArray("items");
        for (int i = 0; i < Limits.LIST_ITEMS; i++) {
            items.addObject().put("sku", "s" + i);
        }

        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("source", "properties.custom", "properties.items");
    }

    @Test
    void aMergeMustNameAnotherCustomer() {
        ObjectNode merged = json(
                "{'type': 'customer.merged', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'zendesk', 'customerId': 'c-1',"
                        + " 'properties': {'mergedCustomerId': 'c-1'}}");
        assertRejected(merged, "properties.mergedCustomerId", "must differ");
    }

    @Test
    void missingPropertiesStillNameTheRequiredFields() {
        ObjectNode consent = json(
                "{'type': 'consent.updated', 'occurredAt': '2026-11-30T10:00:00Z', 'source': 'app', 'customerId': 'c-1'}");
        assertThat(errorsOf(consent))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("properties.purpose", "properties.granted");
    }

    @Test
    void propertiesMustBeAnObject() {
        ObjectNode input = purchase();
        input.put("properties", "none");
        assertThat(errorsOf(input)).extracting(FieldError::field).containsExactly("properties");
    }

    @Test
    void controlCharactersAreRefused() {
        ObjectNode input = purchase();
        input.put("source", "shop\u0000");
        assertRejected(input, "source", "control characters");
    }

    @Test
    void controlCharactersAreRefusedInKeysToo() {
        ObjectNode input = purchase();
        ((ObjectNode) input.at("/properties/custom")).put("bad\u0000key", 1);
        assertRejected(input, "properties.custom.bad\u0000key", "without control characters");
    }

    @Test
    void onlyVersionOneOfTheSchemaIsAccepted() {
        ObjectNode input = purchase();
        input.put("schemaVersion", 2);
        assertRejected(input, "schemaVersion", "from 1 to 1");
    }

    @Test
    void aTenantMustComeFromCredentials() {
        assertThatThrownBy(() -> validator.validate(purchase(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventValidator.isValidTenant("Acme Corp")).isFalse();
        assertThat(EventValidator.isValidTenant("acme-id")).isTrue();
    }

    @Test
    void aNonObjectIsRejectedAsAWhole() {
        assertThat(errorsOf(EventJson.mapper().valueToTree(List.of(1, 2))))
                .containsExactly(new FieldError("", "an event must be a JSON object"));
    }

    @Test
    void decimalsKeepTheirValue() {
        InteractionEvent event = validator.validate(purchase(), "acme").event();
        assertThat(event.propertiesAs(PurchaseCompleted.class).items().get(0).unitPrice())
                .isEqualTo(new BigDecimal("75000.25"));
    }
}
