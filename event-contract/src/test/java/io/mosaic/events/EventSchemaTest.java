package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas (docs/schemas, one per event type a client may send) and {@link EventValidator} agree:
 * every event of the corpus the validator accepts, its type's schema accepts; every fault of the corpus both
 * refuse, and the schema names the field the validator names.
 */
class EventSchemaTest {
    private static final String BASE = "https://mosaic.example/schemas/v1/";
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // 0.1 stays 0.1 for multipleOf
            .build();
    private static final EventValidator VALIDATOR =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers ->
                    mappers.mapPrefix(BASE, SCHEMAS.toAbsolutePath().toUri().toString())));
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static JsonNode sample(String type) throws Exception {
        String sample = EventSamples.ALL.stream()
                .filter(json -> json.contains("'type': '" + type + "'"))
                .findFirst()
                .orElseThrow();
        return JSON.readTree(sample.replace('\'', '"'));
    }

    /** The errors of the event's type's schema, or of the envelope's when no type has that name. */
    private static Set<ValidationMessage> schemaErrors(JsonNode event) {
        String type = event.path("type").asText();
        String name = Files.exists(SCHEMAS.resolve(type + ".schema.json")) ? type : "envelope";
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + name + ".schema.json"), CONFIG);
        return schema.validate(event);
    }

    private static List<String> validatorFields(JsonNode event) {
        return VALIDATOR.validate(event, "acme").errors().stream()
                .map(FieldError::field)
                .toList();
    }

    static List<String> clientTypes() {
        return java.util.Arrays.stream(EventType.values())
                .filter(type -> !type.platformOnly())
                .map(EventType::wireName)
                .toList();
    }

    @Test
    void everyTypeAClientMaySendHasASchemaAndNoOtherDoes() throws Exception {
        Set<String> published;
        try (var files = Files.list(SCHEMAS)) {
            published = files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals("envelope.schema.json"))
                    .map(name -> name.replace(".schema.json", ""))
                    .collect(Collectors.toSet());
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(clientTypes());
    }

    @ParameterizedTest
    @MethodSource("clientTypes")
    void theSampleOfEachTypeIsValidForBoth(String type) throws Exception {
        JsonNode event = sample(type);

        assertThat(validatorFields(event)).isEmpty();
        assertThat(schemaErrors(event)).isEmpty();
    }

    @Test
    void richerValidEventsAreValidForBoth() throws Exception {
        List<JsonNode> valid = List.of(
                EventValidatorTest.purchase(),
                with(sample("purchase.completed"), properties -> {
                    properties
                            .putArray("items")
                            .addObject()
                            .put("sku", "SKU-1")
                            .put("category", "shoes")
                            .put("quantity", 2)
                            .put("unitPrice", new java.math.BigDecimal("49.95"));
                    properties.putObject("promotion").put("code", "FLASH11").put("kind", "flash_sale");
                    properties
                            .putObject("custom")
                            .put("note", "gift")
                            .putArray("tags")
                            .add("a")
                            .add(1);
                }),
                with(sample("survey.answered"), properties -> {
                    properties.put("kind", "csat").put("score", 5);
                    properties
                            .putObject("answers")
                            .put("q1", 3)
                            .putObject("psychographic")
                            .putArray("values")
                            .add("x");
                }),
                with(
                        sample("survey.answered"),
                        properties -> properties.put("kind", "custom").put("score", -2.5)),
                with(sample("message.sent"), properties -> {}),
                with(sample("ticket.opened"), properties -> properties.putNull("subject")),
                ((ObjectNode) sample("customer.merged"))
                        .put("eventId", "evt-1:2")
                        .put("schemaVersion", 1));

        for (JsonNode event : valid) {
            assertThat(validatorFields(event)).as(event.toString()).isEmpty();
            assertThat(schemaErrors(event)).as(event.toString()).isEmpty();
        }
    }

    /** An invalid event of the corpus and the field both must name. */
    record Fault(String name, JsonNode event, String field) {}

    static List<org.junit.jupiter.params.provider.Arguments> faults() throws Exception {
        return Stream.of(
                        new Fault("unknown type", put(sample("message.sent"), "type", "message.deleted"), "type"),
                        new Fault("no occurredAt", remove(sample("message.sent"), "occurredAt"), "occurredAt"),
                        new Fault(
                                "occurredAt without offset",
                                put(sample("message.sent"), "occurredAt", "2026-11-29T08:00:00"),
                                "occurredAt"),
                        new Fault("blank source", put(sample("message.sent"), "source", "   "), "source"),
                        new Fault("source too long", put(sample("message.sent"), "source", "s".repeat(65)), "source"),
                        new Fault(
                                "customerId with a control character",
                                put(sample("message.sent"), "customerId", "c\u0007"),
                                "customerId"),
                        new Fault("eventId with a space", put(sample("message.sent"), "eventId", "a b"), "eventId"),
                        new Fault("platform field", put(sample("message.sent"), "tenant", "other"), "tenant"),
                        new Fault("unknown envelope field", put(sample("message.sent"), "colour", "red"), "colour"),
                        new Fault("ticket without channel", remove(sample("ticket.opened"), "channel"), "channel"),
                        new Fault("unknown channel", put(sample("ticket.opened"), "channel", "pigeon"), "channel"),
                        new Fault("schemaVersion 2", put(sample("message.sent"), "schemaVersion", 2), "schemaVersion"),
                        new Fault(
                                "unknown identifier",
                                with(sample("customer.identified"), null, identifiers -> identifiers.put("fax", "1")),
                                "identifiers.fax"),
                        new Fault(
                                "external id system name",
                                with(
                                        sample("customer.identified"),
                                        null,
                                        identifiers -> identifiers
                                                .putObject("externalIds")
                                                .put("a b", "1")),
                                "identifiers.externalIds.a b"),
                        new Fault(
                                "no orderId",
                                with(sample("purchase.completed"), p -> p.remove("orderId")),
                                "properties.orderId"),
                        new Fault(
                                "zero amount",
                                with(sample("purchase.completed"), p -> p.put("amount", 0)),
                                "properties.amount"),
                        new Fault(
                                "amount too large",
                                with(
                                        sample("purchase.completed"),
                                        p -> p.put("amount", new java.math.BigDecimal("1e15"))),
                                "properties.amount"),
                        new Fault(
                                "seven decimal places",
                                with(
                                        sample("purchase.completed"),
                                        p -> p.put("amount", new java.math.BigDecimal("1.0000001"))),
                                "properties.amount"),
                        new Fault(
                                "currency of four letters",
                                with(sample("purchase.completed"), p -> p.put("currency", "EURO")),
                                "properties.currency"),
                        new Fault(
                                "item without sku",
                                with(
                                        sample("purchase.completed"),
                                        p -> p.putArray("items").addObject().put("quantity", 1)),
                                "properties.items[0].sku"),
                        new Fault(
                                "quantity zero",
                                with(
                                        sample("purchase.completed"),
                                        p -> p.putArray("items")
                                                .addObject()
                                                .put("sku", "s")
                                                .put("quantity", 0)),
                                "properties.items[0].quantity"),
                        new Fault(
                                "promotion kind unknown",
                                with(
                                        sample("purchase.completed"),
                                        p -> p.putObject("promotion").put("kind", "gift")),
                                "properties.promotion.kind"),
                        new Fault(
                                "unknown property",
                                with(sample("purchase.refunded"), p -> p.put("reason", "late")),
                                "properties.reason"),
                        new Fault(
                                "csat score 6",
                                with(
                                        sample("survey.answered"),
                                        p -> p.put("kind", "csat").put("score", 6)),
                                "properties.score"),
                        new Fault(
                                "nps without a score",
                                with(sample("survey.answered"), p -> p.remove("score")),
                                "properties.score"),
                        new Fault(
                                "unknown survey kind",
                                with(sample("survey.answered"), p -> p.put("kind", "ces")),
                                "properties.kind"),
                        new Fault(
                                "consent without granted",
                                with(sample("consent.updated"), p -> p.remove("granted")),
                                "properties.granted"),
                        new Fault(
                                "consent granted as text",
                                with(sample("consent.updated"), p -> p.put("granted", "yes")),
                                "properties.granted"),
                        new Fault(
                                "priority unknown",
                                with(sample("ticket.opened"), p -> p.put("priority", "p1")),
                                "properties.priority"),
                        new Fault(
                                "negative minutes",
                                with(sample("ticket.resolved"), p -> p.put("resolutionMinutes", -1)),
                                "properties.resolutionMinutes"),
                        new Fault(
                                "ticket id with a space",
                                with(sample("ticket.resolved"), p -> p.put("ticketId", "t 1")),
                                "properties.ticketId"),
                        new Fault(
                                "response unknown",
                                with(sample("promotion.responded"), p -> p.put("response", "ignored")),
                                "properties.response"),
                        new Fault(
                                "merged id missing",
                                with(sample("customer.merged"), p -> p.remove("mergedCustomerId")),
                                "properties.mergedCustomerId"),
                        new Fault(
                                "birth year before 1900",
                                with(
                                        sample("customer.identified"),
                                        p -> ((ObjectNode) p.path("traits").path("demographic"))
                                                .put("birthYear", 1850)),
                                "properties.traits.demographic.birthYear"),
                        new Fault(
                                "country of three letters",
                                with(
                                        sample("customer.identified"),
                                        p -> ((ObjectNode) p.path("traits").path("geographic")).put("country", "IDN")),
                                "properties.traits.geographic.country"),
                        new Fault(
                                "unknown trait group",
                                with(
                                        sample("customer.identified"),
                                        p -> ((ObjectNode) p.path("traits")).putObject("astrological")),
                                "properties.traits.astrological"),
                        new Fault(
                                "trait custom holds a list",
                                with(
                                        sample("customer.identified"),
                                        p -> ((ObjectNode) p.path("traits").path("custom"))
                                                .putArray("tags")
                                                .add("x")),
                                "properties.traits.custom.tags"),
                        new Fault(
                                "custom holds an object",
                                with(
                                        sample("purchase.refunded"),
                                        p -> p.putObject("custom").putObject("nested")),
                                "properties.custom.nested"),
                        new Fault(
                                "custom key too long",
                                with(
                                        sample("purchase.refunded"),
                                        p -> p.putObject("custom").put("k".repeat(65), 1)),
                                "properties.custom." + "k".repeat(65)),
                        new Fault(
                                "interest too long",
                                with(
                                        sample("customer.identified"),
                                        p -> ((ObjectNode) p.path("traits").path("psychographic"))
                                                .putArray("interests")
                                                .add("i".repeat(65))),
                                "properties.traits.psychographic.interests[0]"),
                        new Fault(
                                "tracked without a name",
                                with(sample("interaction.tracked"), p -> p.remove("name")),
                                "properties.name"),
                        new Fault(
                                "tracked of an unknown kind",
                                with(sample("interaction.tracked"), p -> p.put("kind", "click")),
                                "properties.kind"),
                        new Fault(
                                "properties not an object",
                                put(sample("purchase.refunded"), "properties", "none"),
                                "properties"))
                .map(fault ->
                        org.junit.jupiter.params.provider.Arguments.of(fault.name(), fault.event(), fault.field()))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void whatTheValidatorRefusesTheSchemaRefusesAtTheSameField(String name, JsonNode event, String field) {
        assertThat(validatorFields(event)).as("validator").contains(field);

        Set<ValidationMessage> errors = schemaErrors(event);

        assertThat(errors).as("schema").isNotEmpty();
        assertThat(errors.stream().map(EventSchemaTest::fieldOf))
                .as("schema errors %s", errors)
                .anyMatch(at -> at.equals(field)
                        || at.startsWith(field + ".")
                        || field.startsWith(at + ".")
                        || (at.isEmpty() && isRootField(field)));
    }

    /** Fields the schema reports at the object that misses or forbids them (required, additionalProperties). */
    private static boolean isRootField(String field) {
        return !field.contains(".");
    }

    /** {@code /properties/items/0/sku} as the validator writes it: {@code properties.items[0].sku}. */
    private static String fieldOf(ValidationMessage message) {
        StringBuilder path = new StringBuilder();
        for (String segment : message.getInstanceLocation().toString().split("/")) {
            if (segment.isEmpty() || segment.equals("$")) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".")
                        .append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        String at = path.toString();
        Object property = message.getProperty();
        if (property != null
                && ("required".equals(message.getType())
                        || "additionalProperties".equals(message.getType())
                        || "unevaluatedProperties".equals(message.getType()))) {
            return at.isEmpty() ? property.toString() : at + "." + property;
        }
        return at;
    }

    private static JsonNode put(JsonNode event, String field, Object value) {
        ObjectNode copy = event.deepCopy();
        copy.set(field, JSON.valueToTree(value));
        return copy;
    }

    private static JsonNode remove(JsonNode event, String field) {
        ObjectNode copy = event.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static JsonNode with(JsonNode event, Consumer<ObjectNode> properties) {
        return with(event, properties, null);
    }

    private static JsonNode with(JsonNode event, Consumer<ObjectNode> properties, Consumer<ObjectNode> identifiers) {
        ObjectNode copy = event.deepCopy();
        if (properties != null) {
            properties.accept(
                    copy.has("properties") ? (ObjectNode) copy.get("properties") : copy.putObject("properties"));
        }
        if (identifiers != null) {
            identifiers.accept(
                    copy.has("identifiers") ? (ObjectNode) copy.get("identifiers") : copy.putObject("identifiers"));
        }
        return copy;
    }
}
