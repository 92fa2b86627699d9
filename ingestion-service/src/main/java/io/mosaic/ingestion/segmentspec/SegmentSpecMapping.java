package io.mosaic.ingestion.segmentspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
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
                IdentifyMapping.identify(message.path("traits"), event, receivedAt);
                events.add(event);
                if (userId != null && anonymousId != null) {
                    events.add(merge(event, ANONYMOUS_PREFIX + anonymousId, "merge"));
                }
            }
            case "track" -> events.add(TrackMapping.track(message, event));
            case "group" -> events.add(IdentifyMapping.group(message, event));
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
            default ->
                events.add(TrackMapping.named(
                        event, kind, TrackMapping.pageName(message, kind), message.path("properties")));
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
    static String id(JsonNode value) {
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

    static void copyText(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            to.put(as, value.asText());
        }
    }

    static void putIfAny(ObjectNode into, String field, ObjectNode value) {
        if (!value.isEmpty()) {
            into.set(field, value);
        }
    }
}
