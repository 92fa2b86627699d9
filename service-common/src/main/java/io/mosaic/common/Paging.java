package io.mosaic.common;

import io.mosaic.events.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Page sizes and opaque cursors of the list endpoints, checked where they enter: a limit is a whole number within
 * its range, a cursor is URL-safe Base64 of at most {@link #MAX_CURSOR_LENGTH} characters that decodes to UTF-8
 * text without control characters. Anything else is a 400 naming the parameter, never a query that fails later.
 */
public final class Paging {
    public static final int MAX_CURSOR_LENGTH = 1_024;

    private Paging() {}

    /** The page size in {@code raw} (the default when absent), from 1 to {@code max}. */
    public static int limit(String raw, int defaultValue, int max) {
        return count(raw, "limit", defaultValue, max);
    }

    /** A count in the query parameter {@code field} (the default when absent), from 1 to {@code max}. */
    public static int count(String raw, String field, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int count = Integer.parseInt(raw.strip());
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(field, "must be a whole number from 1 to " + max);
    }

    public static String encodeCursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a cursor this API gave out, or null when none was sent. */
    public static String decodeCursor(String cursor, String field) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid(field, "is not a cursor this API gave out");
        }
        try {
            String position = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor.strip())))
                    .toString();
            if (!position.isEmpty() && position.chars().noneMatch(Character::isISOControl)) {
                return position;
            }
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // reported below
        }
        throw invalid(field, "is not a cursor this API gave out");
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "Invalid request", field + " " + message + ".", List.of(new FieldError(field, message)));
    }
}
