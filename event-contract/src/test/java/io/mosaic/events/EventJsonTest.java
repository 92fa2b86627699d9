package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEventSurvivesTheTopicUnchanged() {
        InteractionEvent event =
                validator.validate(EventValidatorTest.purchase(), "acme").event();

        InteractionEvent read = EventJson.fromBytes(EventJson.toBytes(event));

        assertThat(read).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void enumsAreWrittenInTheirWireSpelling() throws Exception {
        InteractionEvent event =
                validator.validate(EventValidatorTest.purchase(), "acme").event();

        JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(event));

        assertThat(json.get("type").asText()).isEqualTo("purchase.completed");
        assertThat(json.get("channel").asText()).isEqualTo("web");
        assertThat(json.at("/properties/promotion/kind").asText()).isEqualTo("flash_sale");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-30T03:15:00Z");
    }

    @Test
    void everyTypeOfTheContractRoundTrips() {
        for (String input : EventSamples.ALL) {
            ValidationResult result = validator.validate(EventValidatorTest.json(input), "acme");
            assertThat(result.errors()).as(input).isEmpty();
            InteractionEvent read = EventJson.fromBytes(EventJson.toBytes(result.event()));
            assertThat(read).as(input).usingRecursiveComparison().isEqualTo(result.event());
        }
        assertThat(EventSamples.ALL).hasSize(EventType.values().length - 1); // all but the platform's own
    }

    @Test
    void aRecordThatIsNotAnEventIsReportedAsMalformed() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"type\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.fromBytes("[1,".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.fromBytes(null)).isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void aRecordWithANumberOutOfBoundsIsMalformedAndSaysWhere() {
        ValidationResult valid = validator.validate(EventValidatorTest.purchase(), "acme");
        String record = new String(EventJson.toBytes(valid.event()), StandardCharsets.UTF_8)
                .replaceFirst("\"unitPrice\":[^,}]+", "\"unitPrice\":1e999999999");
        assertThat(record).contains("1e999999999");
        assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("properties.items[0].unitPrice");
    }

    @Test
    void fieldsAreReadInAnyOrderAndUnknownOnesAreIgnored() throws Exception {
        InteractionEvent event =
                validator.validate(EventValidatorTest.purchase(), "acme").event();
        com.fasterxml.jackson.databind.node.ObjectNode written = (com.fasterxml.jackson.databind.node.ObjectNode)
                EventJson.mapper().readTree(EventJson.toBytes(event));
        com.fasterxml.jackson.databind.node.ObjectNode reordered =
                EventJson.mapper().createObjectNode();
        reordered.set("later", EventJson.mapper().readTree("{\"nested\":[1,{\"deep\":true}]}"));
        reordered.set("properties", written.get("properties"));
        java.util.List<String> names = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.stream()
                .filter(name -> !name.equals("properties"))
                .forEach(name -> reordered.set(name, written.get(name)));
        assertThat(names.indexOf("type")).isLessThan(names.size()); // the type now comes after the properties

        InteractionEvent read = EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(reordered));

        assertThat(read).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void aNumberOutOfBoundsInAPropertyNoTypeNamesIsMalformedToo() {
        String record = new String(
                        EventJson.toBytes(validator
                                .validate(EventValidatorTest.purchase(), "acme")
                                .event()),
                        StandardCharsets.UTF_8)
                .replaceFirst("\"properties\":\\{", "\"properties\":{\"extra\":{\"counts\":[3,-1e16]},");
        assertThat(record).contains("-1e16");

        assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("properties.extra.counts[1]");
    }

    @Test
    void anEnvelopeFieldThatIsNotAStringIsMalformed() {
        String record = new String(
                        EventJson.toBytes(validator
                                .validate(EventValidatorTest.purchase(), "acme")
                                .event()),
                        StandardCharsets.UTF_8)
                .replaceFirst("\"tenant\":\"acme\"", "\"tenant\":{\"id\":\"acme\"}");

        assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("tenant");
    }
}
