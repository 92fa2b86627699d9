package io.mosaic.ingestion.segmentspec;

import static io.mosaic.ingestion.segmentspec.SegmentSpecMapping.putIfAny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code track}, {@code page} and {@code screen} messages: Segment's e-commerce spec onto Mosaic's own commerce and
 * promotion events, anything else as a named {@code interaction.tracked} (docs/SEGMENT.md).
 */
final class TrackMapping {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TrackMapping() {}

    static ObjectNode track(JsonNode message, ObjectNode event) {
        String name = message.path("event").asText("").strip();
        JsonNode properties = message.path("properties");
        return switch (name) {
            case "Order Completed" -> order(event, "purchase.completed", properties, true);
            case "Order Refunded" -> order(event, "purchase.refunded", properties, false);
            case "Promotion Viewed" -> promotion(event, properties, "opened");
            case "Promotion Clicked" -> promotion(event, properties, "clicked");
            default -> named(event, "track", name.isEmpty() ? "track" : name, properties);
        };
    }

    private static ObjectNode order(ObjectNode event, String type, JsonNode properties, boolean withItems) {
        event.put("type", type);
        ObjectNode order = event.putObject("properties");
        copy(properties, "order_id", order, "orderId");
        JsonNode amount = properties.has("total") ? properties.get("total") : properties.get("revenue");
        if (amount != null) {
            order.set("amount", amount);
        }
        order.put("currency", properties.path("currency").asText("USD"));
        if (withItems && properties.path("products").isArray()) {
            ArrayNode items = order.putArray("items");
            for (JsonNode product : properties.get("products")) {
                ObjectNode item = items.addObject();
                copy(product, product.has("sku") ? "sku" : "product_id", item, "sku");
                copy(product, "category", item, "category");
                copy(product, "quantity", item, "quantity");
                copy(product, "price", item, "unitPrice");
            }
        }
        if (withItems && properties.path("coupon").isTextual()) {
            order.putObject("promotion")
                    .put("code", properties.get("coupon").asText())
                    .put("kind", "voucher");
        }
        return event;
    }

    private static ObjectNode promotion(ObjectNode event, JsonNode properties, String response) {
        event.put("type", "promotion.responded");
        ObjectNode promotion = event.putObject("properties");
        copy(properties, "promotion_id", promotion, "campaignId");
        promotion.put("response", response);
        return event;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    /** {@code track}s that are no e-commerce event, {@code page} and {@code screen}: a named interaction. */
    static ObjectNode named(ObjectNode event, String kind, String name, JsonNode properties) {
        event.put("type", "interaction.tracked");
        ObjectNode mapped = event.putObject("properties");
        mapped.put("name", name);
        mapped.put("kind", kind);
        ObjectNode custom = flat(properties);
        putIfAny(mapped, "custom", custom);
        return event;
    }

    static String pageName(JsonNode message, String kind) {
        String name = message.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        String path = message.path("properties").path("path").asText("");
        return path.isBlank() ? kind : path;
    }

    /**
     * The sender's properties as Mosaic's custom map: scalars and lists of scalars as they are, one level of
     * objects as dotted keys; the validator bounds the rest (entries, key lengths, texts, numbers).
     */
    static ObjectNode flat(JsonNode properties) {
        ObjectNode custom = JSON.objectNode();
        if (!properties.isObject()) {
            return custom;
        }
        properties.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                value.fields()
                        .forEachRemaining(inner -> custom.set(entry.getKey() + "." + inner.getKey(), inner.getValue()));
            } else if (!value.isNull()) {
                custom.set(entry.getKey(), value);
            }
        });
        return custom;
    }
}
