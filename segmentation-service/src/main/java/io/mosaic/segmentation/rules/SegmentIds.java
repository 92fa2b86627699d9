package io.mosaic.segmentation.rules;

import java.util.regex.Pattern;

/** Segment ids are slugs: lower-case letters, digits and dashes. */
public final class SegmentIds {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private SegmentIds() {}

    public static boolean isValid(String id) {
        return id != null && SLUG.matcher(id).matches();
    }
}
