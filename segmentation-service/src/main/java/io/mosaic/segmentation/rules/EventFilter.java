package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.EventType;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.WireNames;
import io.mosaic.segmentation.behavior.EventMatcher;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which events an event condition counts: a type, property filters ({@code promotion.kind = flash_sale};
 * {@code channel} and {@code source} name the envelope's fields) and optionally a numeric property to sum.
 */
public record EventFilter(EventType type, Map<String, JsonNode> where, String sumPath) implements EventMatcher {

    public EventFilter {
        where = new TreeMap<>(where);
    }

    @Override
    public String signature() {
        String filters = where.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        return type.wireName() + "?" + filters + (sumPath == null ? "" : "#sum:" + sumPath);
    }

    @Override
    public Optional<BigDecimal> match(InteractionEvent event) {
        if (event.type() != type) {
            return Optional.empty();
        }
        JsonNode properties = EventJson.mapper().valueToTree(event.properties());
        for (Map.Entry<String, JsonNode> filter : where.entrySet()) {
            Object actual = valueAt(event, properties, filter.getKey());
            if (actual == null || !Comparison.equal(actual, filter.getValue())) {
                return Optional.empty();
            }
        }
        if (sumPath == null) {
            return Optional.of(BigDecimal.ZERO);
        }
        JsonNode summed = properties.at(pointer(sumPath));
        return Optional.of(summed.isNumber() ? summed.decimalValue() : BigDecimal.ZERO);
    }

    private static Object valueAt(InteractionEvent event, JsonNode properties, String path) {
        if (path.equals("channel")) {
            return event.channel() == null ? null : WireNames.of(event.channel());
        }
        if (path.equals("source")) {
            return event.source();
        }
        JsonNode node = properties.at(pointer(path));
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue() : node.isBoolean() ? node.booleanValue() : node.asText();
    }

    private static String pointer(String dottedPath) {
        return "/" + dottedPath.replace('.', '/');
    }
}
