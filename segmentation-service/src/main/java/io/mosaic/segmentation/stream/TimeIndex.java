package io.mosaic.segmentation.stream;

/** Keys of stores indexed by time: the milliseconds zero-padded, so that text order is time order, then an id. */
final class TimeIndex {
    private TimeIndex() {}

    static String key(long epochMillis, String id) {
        String digits = Long.toString(Math.max(0, epochMillis)); // at most 19 digits; String.format is slow per event
        return "0".repeat(19 - digits.length()) + digits + '\u0000' + id;
    }

    /** The key after every entry at or before {@code epochMillis}: the end of a range scan. */
    static String end(long epochMillis) {
        return key(epochMillis, "\uffff");
    }
}
