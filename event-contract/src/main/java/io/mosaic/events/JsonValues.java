package io.mosaic.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of single JSON values of client input; each fault is added to {@code errors} with its path. */
final class JsonValues {
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private JsonValues() {}

    static Optional<List<Object>> scalarList(JsonNode array, String listPath, List<FieldError> errors) {
        if (array.size() > Limits.LIST_ITEMS) {
            errors.add(new FieldError(listPath, "must have at most " + Limits.LIST_ITEMS + " items"));
            return Optional.empty();
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            scalar(array.get(i), listPath + "[" + i + "]", false, errors).ifPresent(list::add);
        }
        return Optional.of(list);
    }

    static Optional<Object> scalar(JsonNode value, String valuePath, boolean listsAllowed, List<FieldError> errors) {
        if (value.isTextual()) {
            return Optional.ofNullable(text(value, valuePath, Limits.TEXT_LENGTH, errors));
        }
        if (value.isNumber()) {
            Optional<java.math.BigDecimal> number = NumberBounds.of(value);
            if (number.isEmpty()) {
                errors.add(new FieldError(valuePath, NumberBounds.RULE));
            }
            return number.map(n -> (Object) n);
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        String expected = listsAllowed ? "a string, number, boolean or a list of them" : "a string, number or boolean";
        errors.add(new FieldError(valuePath, "must be " + expected));
        return Optional.empty();
    }

    /** A trimmed, non-empty string of at most {@code maxLength} characters without control characters. */
    static String text(JsonNode value, String valuePath, int maxLength, List<FieldError> errors) {
        if (!value.isTextual()) {
            errors.add(new FieldError(valuePath, "must be a string"));
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty() || text.length() > maxLength) {
            errors.add(new FieldError(valuePath, "must be 1-" + maxLength + " characters"));
            return null;
        }
        if (CONTROL_CHARACTERS.matcher(text).find()) {
            errors.add(new FieldError(valuePath, "must not contain control characters"));
            return null;
        }
        return text;
    }

    /** The fields of an object not in {@code skip}, as a free-form map of scalars (and lists of them). */
    static Map<String, Object> scalarMap(
            JsonNode node, String path, Set<String> skip, boolean allowLists, List<FieldError> errors) {
        if (node.size() > Limits.MAP_ENTRIES) {
            errors.add(new FieldError(path, "must have at most " + Limits.MAP_ENTRIES + " entries"));
            return null;
        }
        Map<String, Object> scalars = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (skip.contains(entry.getKey())) {
                return;
            }
            String entryPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (entry.getKey().isBlank()
                    || entry.getKey().length() > Limits.KEY_LENGTH
                    || CONTROL_CHARACTERS.matcher(entry.getKey()).find()) {
                errors.add(new FieldError(
                        entryPath, "keys must be 1-" + Limits.KEY_LENGTH + " characters without control characters"));
            } else if (allowLists && entry.getValue().isArray()) {
                scalarList(entry.getValue(), entryPath, errors).ifPresent(list -> scalars.put(entry.getKey(), list));
            } else {
                scalar(entry.getValue(), entryPath, allowLists, errors).ifPresent(v -> scalars.put(entry.getKey(), v));
            }
        });
        return scalars;
    }

    /** The texts of an array, each checked, duplicates dropped, in order. */
    static List<String> distinctTexts(JsonNode array, String path, int maxLength, List<FieldError> errors) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String text = text(array.get(i), path + "[" + i + "]", maxLength, errors);
            if (text != null && !texts.contains(text)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** An RFC 3339 instant with an explicit offset ({@code 2026-11-30T10:15:00Z}, {@code ...+07:00}). */
    static Instant instant(JsonNode value, String path, List<FieldError> errors) {
        try {
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(path, "must be an RFC 3339 date-time with offset, e.g. 2026-11-30T10:15:00Z"));
        return null;
    }
}
