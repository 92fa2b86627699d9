package io.mosaic.segmentation.stream;

/** Keys of stores indexed by time: the milliseconds zero-padded, so that text order is time order, then an id. */
final class TimeIndex {
    private TimeIndex() {}

    static String key(long epochMillis, String id) {
        return String.format("%019d", Math.max(0, epochMillis)) + '\u0000' + id;
    }

    /** The key after every entry at or before {@code epochMillis}: the end of a range scan. */
    static String end(long epochMillis) {
        return key(epochMillis, "\uffff");
    }
}
