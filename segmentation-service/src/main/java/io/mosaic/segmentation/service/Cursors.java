package io.mosaic.segmentation.service;

import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque page cursors: the last id of a page, so pages stay stable while the data changes. */
final class Cursors {
    private Cursors() {}

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "Invalid cursor",
                    "Use the nextCursor of the previous page.",
                    List.of(new FieldError("cursor", "is not a cursor of this API")));
        }
    }
}
