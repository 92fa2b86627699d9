package io.mosaic.events;

import static io.mosaic.events.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object of client input, collecting every fault with its JSON path instead of
 * stopping at the first, and remembering which fields were read so that {@link #rejectUnknown()} can name the
 * rest.
 */
final class FieldReader {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;
    private final Set<String> read = new HashSet<>();

    private FieldReader(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    static FieldReader root(JsonNode node, List<FieldError> errors) {
        return new FieldReader(node, "", errors);
    }

    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void fail(String name, String message) {
        errors.add(new FieldError(pathOf(name), message));
    }

    /** The field's value, or null when absent (a fault if required). */
    private JsonNode value(String name, Presence presence) {
        read.add(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (presence == REQUIRED) {
                fail(name, "is required");
            }
            return null;
        }
        return value;
    }

    String text(String name, Presence presence, int maxLength) {
        JsonNode value = value(name, presence);
        return value == null ? null : JsonValues.text(value, pathOf(name), maxLength, errors);
    }

    String text(String name, Presence presence, Pattern pattern, String expected) {
        String text = text(name, presence, Limits.TEXT_LENGTH);
        if (text != null && !pattern.matcher(text).matches()) {
            fail(name, "must be " + expected);
            return null;
        }
        return text;
    }

    /** A text value, normalised by {@code normaliser}, which answers empty when the value is not acceptable. */
    String normalised(String name, Function<String, Optional<String>> normaliser, String expected) {
        String text = text(name, Presence.OPTIONAL, Limits.TEXT_LENGTH);
        if (text == null) {
            return null;
        }
        Optional<String> normalised = normaliser.apply(text);
        if (normalised.isEmpty()) {
            fail(name, "must be " + expected);
        }
        return normalised.orElse(null);
    }

    Integer integer(String name, Presence presence, int min, int max) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            fail(name, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    /** A decimal at least {@code min}, or greater than it when {@code exclusive}. */
    BigDecimal decimal(String name, Presence presence, BigDecimal min, boolean exclusive) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return null;
        }
        if (value.isNumber() && NumberBounds.of(value).isEmpty()) {
            fail(name, NumberBounds.RULE);
            return null;
        }
        BigDecimal number = NumberBounds.of(value).orElse(null);
        int comparison = number == null ? -1 : number.compareTo(min);
        if (comparison < 0 || (exclusive && comparison == 0)) {
            fail(name, "must be a number " + (exclusive ? "greater than " : "at least ") + min.toPlainString());
            return null;
        }
        return number;
    }

    Boolean bool(String name, Presence presence) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            fail(name, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    <E extends Enum<E>> E choice(String name, Presence presence, Class<E> type) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return null;
        }
        Optional<E> choice = value.isTextual() ? WireNames.parse(type, value.textValue()) : Optional.empty();
        if (choice.isEmpty()) {
            fail(name, "must be one of: " + WireNames.allowed(type));
        }
        return choice.orElse(null);
    }

    /** An RFC 3339 instant with an explicit offset ({@code 2026-11-30T10:15:00Z}, {@code ...+07:00}). */
    Instant instant(String name, Presence presence) {
        JsonNode value = value(name, presence);
        return value == null ? null : JsonValues.instant(value, pathOf(name), errors);
    }

    Optional<FieldReader> object(String name, Presence presence) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            fail(name, "must be an object");
            return Optional.empty();
        }
        return Optional.of(new FieldReader(value, pathOf(name), errors));
    }

    /**
     * The object, or an empty one when absent, so that its required fields are still named. When the value is
     * not an object, that is the one fault reported for it.
     */
    FieldReader objectOrEmpty(String name) {
        JsonNode value = value(name, Presence.OPTIONAL);
        if (value != null && !value.isObject()) {
            fail(name, "must be an object");
            return new FieldReader(EMPTY, pathOf(name), new ArrayList<>());
        }
        return new FieldReader(value == null ? EMPTY : value, pathOf(name), errors);
    }

    /** Fields that clients must not send, such as those the platform sets. */
    void forbid(String name, String message) {
        read.add(name);
        if (node.has(name)) {
            fail(name, message);
        }
    }

    /** The objects of an array, each with its own reader ({@code items[2]}). */
    List<FieldReader> objects(String name, Presence presence, int maxItems) {
        JsonNode value = array(name, presence, maxItems);
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; value != null && i < value.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            if (value.get(i).isObject()) {
                readers.add(new FieldReader(value.get(i), itemPath, errors));
            } else {
                errors.add(new FieldError(itemPath, "must be an object"));
            }
        }
        return readers;
    }

    List<String> texts(String name, int maxItems, int maxLength) {
        JsonNode value = array(name, Presence.OPTIONAL, maxItems);
        if (value == null) {
            return null;
        }
        return JsonValues.distinctTexts(value, pathOf(name), maxLength, errors);
    }

    /** A free-form map of short keys to scalars (and, when {@code allowLists}, lists of scalars). */
    Map<String, Object> scalars(String name, boolean allowLists) {
        JsonNode value = value(name, Presence.OPTIONAL);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            fail(name, "must be an object");
            return null;
        }
        return new FieldReader(value, pathOf(name), errors).unreadScalars(allowLists);
    }

    /** The fields not read yet, as a free-form map of scalars and lists of scalars. */
    Map<String, Object> unreadScalars() {
        return unreadScalars(true);
    }

    private Map<String, Object> unreadScalars(boolean allowLists) {
        return JsonValues.scalarMap(node, path, read, allowLists, errors);
    }

    /** Names every field that was not read: unknown keys are rejected, never dropped silently. */
    void rejectUnknown() {
        node.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                fail(name, "is not a field of this object");
            }
        });
    }

    private JsonNode array(String name, Presence presence, int maxItems) {
        JsonNode value = value(name, presence);
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            fail(name, "must be an array of at most " + maxItems + " items");
            return null;
        }
        return value;
    }
}
