package io.mosaic.ingestion.segmentspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Segment Spec message ({@code identify}, {@code track}, {@code page}, {@code screen}, {@code group},
 * {@code alias}) as Mosaic events in the client form {@link io.mosaic.events.EventValidator} reads; docs/SEGMENT.md
 * gives the mapping field by field. A message maps to one event, or two when an {@code identify} links an anonymous
 * id to a user id (the anonymous customer is merged into the known one) or an {@code alias} names a previous id.
 */
public final class SegmentSpecMapping {
    /** Customer ids of visitors known only by the SDK's anonymous id. */
    public static final String ANONYMOUS_PREFIX = "anonymous:";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");
    private static final Map<String, String> CHANNELS = Map.of("browser", "web", "mobile", "app");

    private SegmentSpecMapping() {}

    /** The events of one message, or the faults that keep it from being mapped. */
    public record Mapped(List<ObjectNode> events, List<FieldError> errors) {}

    /**
     * Maps a message; {@code type} is the endpoint's ({@code null} in a batch: the message names it), and
     * {@code receivedAt} corrects the sender's clock by its {@code sentAt}.
     */
    public static Mapped map(JsonNode message, String type, String batchSentAt, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        if (message == null || !message.isObject()) {
            return new Mapped(List.of(), List.of(new FieldError("", "a message must be a JSON object")));
        }
        String kind = type != null ? type : message.path("type").asText(null);
        if (kind == null || !TYPES.contains(kind)) {
            errors.add(new FieldError("type", "must be one of: identify, track, page, screen, group, alias"));
            return new Mapped(List.of(), errors);
        }
        String userId = id(message.get("userId"));
        String anonymousId = id(message.get("anonymousId"));
        if (userId == null && anonymousId == null) {
            errors.add(new FieldError("userId", "userId or anonymousId is required"));
            return new Mapped(List.of(), errors);
        }
        String customerId = userId != null ? userId : ANONYMOUS_PREFIX + anonymousId;
        ObjectNode event = envelope(message, customerId, batchSentAt, receivedAt, errors);
        if (!errors.isEmpty()) {
            return new Mapped(List.of(), errors);
        }
        List<ObjectNode> events = new ArrayList<>();
        switch (kind) {
            case "identify" -> {
                identify(message.path("traits"), event, receivedAt);
                events.add(event);
                if (userId != null && anonymousId != null) {
                    events.add(merge(event, ANONYMOUS_PREFIX + anonymousId, "merge"));
                }
            }
            case "track" -> events.add(Track.map(message, event));
            case "group" -> events.add(group(message, event));
            case "alias" -> {
                String previousId = id(message.get("previousId"));
                if (previousId == null || userId == null) {
                    return new Mapped(
                            List.of(),
                            List.of(new FieldError(
                                    previousId == null ? "previousId" : "userId",
                                    "an alias needs both userId and previousId")));
                }
                events.add(merge(event, previousId, previousId));
                events.add(merge(event, ANONYMOUS_PREFIX + previousId, ANONYMOUS_PREFIX + previousId));
            }
            default -> events.add(named(event, kind, pageName(message, kind), message.path("properties")));
        }
        return new Mapped(events, errors);
    }

    private static ObjectNode envelope(
            JsonNode message, String customerId, String batchSentAt, Instant receivedAt, List<FieldError> errors) {
        ObjectNode event = JSON.objectNode();
        String messageId = message.path("messageId").asText(null);
        if (messageId != null) {
            event.put("eventId", eventId(messageId));
        }
        event.put(
                "occurredAt",
                occurredAt(message, batchSentAt, receivedAt, errors).toString());
        JsonNode library = message.path("context").path("library").path("name");
        event.put("source", library.isTextual() && !library.asText().isBlank() ? library.asText() : "segment-spec");
        event.put("customerId", customerId);
        String channel = CHANNELS.get(message.path("context").path("channel").asText(""));
        if (channel != null) {
            event.put("channel", channel);
        }
        return event;
    }

    /**
     * The message id when Mosaic's event ids can hold it, else a digest of it: a retried message keeps its id, so
     * it has effect once.
     */
    static String eventId(String messageId) {
        if (EVENT_ID.matcher(messageId).matches()) {
            return messageId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return "seg-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code timestamp} when the sender set it; else {@code originalTimestamp} moved by the sender's clock skew
     * ({@code receivedAt - sentAt}), as Segment does; else the moment it arrived.
     */
    static Instant occurredAt(JsonNode message, String batchSentAt, Instant receivedAt, List<FieldError> errors) {
        Instant timestamp = instant(message, "timestamp", errors);
        if (timestamp != null) {
            return timestamp;
        }
        Instant original = instant(message, "originalTimestamp", errors);
        if (original == null) {
            return receivedAt;
        }
        Instant sentAt = instant(message, "sentAt", errors);
        if (sentAt == null && batchSentAt != null) {
            sentAt = parse(batchSentAt);
        }
        return sentAt == null ? original : original.plus(Duration.between(sentAt, receivedAt));
    }

    private static Instant instant(JsonNode message, String field, List<FieldError> errors) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Instant parsed = value.isTextual() ? parse(value.asText()) : null;
        if (parsed == null) {
            errors.add(new FieldError(field, "must be an ISO 8601 date-time with offset, e.g. 2026-11-30T10:15:00Z"));
        }
        return parsed;
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A user or anonymous id: a string, or a number as the SDKs allow. */
    private static String id(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isNumber()
                ? value.asText()
                : value.isTextual() ? value.asText().strip() : null;
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * A {@code customer.merged} of {@code absorbed} into the message's customer; its event id is the message's with
     * {@code suffix}, so a retried message merges once.
     */
    private static ObjectNode merge(ObjectNode envelope, String absorbed, String suffix) {
        ObjectNode merge = JSON.objectNode();
        if (envelope.has("eventId")) {
            merge.put("eventId", eventId(envelope.get("eventId").asText() + ":" + suffix));
        }
        merge.put("type", "customer.merged");
        merge.put("occurredAt", envelope.get("occurredAt").asText());
        merge.put("source", envelope.get("source").asText());
        merge.put("customerId", envelope.get("customerId").asText());
        merge.putObject("properties").put("mergedCustomerId", absorbed);
        return merge;
    }

    /**
     * {@code group}: Mosaic has no accounts, so the customer's group becomes traits: {@code custom.groupId} and,
     * when the group's traits name it, {@code custom.groupName}.
     */
    private static ObjectNode group(JsonNode message, ObjectNode event) {
        event.put("type", "customer.identified");
        ObjectNode custom = event.putObject("properties").putObject("traits").putObject("custom");
        String groupId = id(message.get("groupId"));
        if (groupId != null) {
            custom.put("groupId", groupId);
        }
        copyText(message.path("traits"), "name", custom, "groupName");
        return event;
    }

    /** {@code identify}: identifiers, and the traits Mosaic has a place for; any other scalar in custom. */
    private static void identify(JsonNode traits, ObjectNode event, Instant receivedAt) {
        event.put("type", "customer.identified");
        ObjectNode identifiers = JSON.objectNode();
        copyText(traits, "email", identifiers, "email");
        copyText(traits, "phone", identifiers, "phone");
        if (!identifiers.isEmpty()) {
            event.set("identifiers", identifiers);
        }
        ObjectNode mapped = event.putObject("properties").putObject("traits");
        ObjectNode demographic = JSON.objectNode();
        copyText(traits, "gender", demographic, "gender");
        copyText(traits, "title", demographic, "occupation");
        if (traits.has("income")) {
            demographic.put("incomeBand", traits.get("income").asText());
        }
        Integer birthYear = birthYear(traits, receivedAt);
        if (birthYear != null) {
            demographic.put("birthYear", birthYear);
        }
        ObjectNode geographic = JSON.objectNode();
        JsonNode address = traits.path("address");
        copyText(address, "city", geographic, "city");
        copyText(address, "state", geographic, "region");
        copyText(address, "postalCode", geographic, "postalCode");
        String country = address.path("country").asText("");
        if (country.length() == 2) {
            geographic.put("country", country);
        }
        ObjectNode psychographic = JSON.objectNode();
        if (traits.path("interests").isArray()) {
            psychographic.set("interests", traits.get("interests"));
        }
        putIfAny(mapped, "demographic", demographic);
        putIfAny(mapped, "geographic", geographic);
        putIfAny(mapped, "psychographic", psychographic);
        ObjectNode custom = JSON.objectNode();
        traits.fields().forEachRemaining(entry -> {
            if (!IDENTIFY_MAPPED.contains(entry.getKey()) && entry.getValue().isValueNode()) {
                custom.set(entry.getKey(), entry.getValue());
            }
        });
        putIfAny(mapped, "custom", custom);
    }

    private static final Set<String> IDENTIFY_MAPPED =
            Set.of("email", "phone", "gender", "title", "income", "birthday", "age", "address", "interests");

    private static Integer birthYear(JsonNode traits, Instant receivedAt) {
        String birthday = traits.path("birthday").asText("");
        if (birthday.length() >= 10) {
            try {
                return LocalDate.parse(birthday.substring(0, 10)).getYear();
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (traits.path("age").canConvertToInt()) {
            return LocalDate.ofInstant(receivedAt, java.time.ZoneOffset.UTC).getYear()
                    - traits.get("age").asInt();
        }
        return null;
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

    private static String pageName(JsonNode message, String kind) {
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

    private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            to.put(as, value.asText());
        }
    }

    private static void putIfAny(ObjectNode into, String field, ObjectNode value) {
        if (!value.isEmpty()) {
            into.set(field, value);
        }
    }

    /** Segment's e-commerce spec onto Mosaic's own commerce and promotion events. */
    static final class Track {
        private Track() {}

        static ObjectNode map(JsonNode message, ObjectNode event) {
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
    }
}
