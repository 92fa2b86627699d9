package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.FieldError;
import io.mosaic.events.Limits;
import io.mosaic.events.NumberBounds;
import java.util.List;
import java.util.Set;

/** What the rule parsers share: the list of faults, each with its path in the rule, and the bounds of values. */
abstract class ParserSupport {
    /** Values of {@code in} and {@code nin}. */
    static final int MAX_LIST_VALUES = Limits.LIST_ITEMS;
    /** Characters of a string value, as of a text value in an event. */
    static final int MAX_TEXT_LENGTH = Limits.TEXT_LENGTH;
    /** Characters of a trait or property path. */
    static final int MAX_PATH_LENGTH = 128;

    final List<FieldError> errors;

    ParserSupport(List<FieldError> errors) {
        this.errors = errors;
    }

    void only(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                fail(path + "." + abbreviated(name), "is not a field of this condition");
            }
        });
    }

    /**
     * Checks one operand: a string of at most {@link #MAX_TEXT_LENGTH} characters, a boolean, or a number within
     * {@link NumberBounds} (finite: {@code 1e400} would be stored as Infinity and could not be read back).
     */
    void value(JsonNode value, String path) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            fail(path, "must be a string, number or boolean");
        } else if (value.isNumber() && NumberBounds.of(value).isEmpty()) {
            fail(path, NumberBounds.RULE);
        } else if (value.isTextual()
                && (value.textValue().isEmpty() || value.textValue().length() > MAX_TEXT_LENGTH)) {
            fail(path, "must be 1-" + MAX_TEXT_LENGTH + " characters");
        }
    }

    static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    Rule fail(String path, String message) {
        errors.add(new FieldError(path, message));
        return null;
    }
}
