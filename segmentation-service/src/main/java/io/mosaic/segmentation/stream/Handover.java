package io.mosaic.segmentation.stream;

/**
 * A message from one customer's key to another's, through the handover topic (partitioned like
 * {@code mosaic.interactions}, so it reaches the task that owns the target key):
 *
 * <ul>
 *   <li>{@code EVENT}: an event of a customer merged into another, applied to the survivor;
 *   <li>{@code MERGE}: to the absorbed customer, "you are now {@code survivor}";
 *   <li>{@code ABSORB}: to the survivor, the absorbed customer's state to add to its own;
 *   <li>{@code ERASE}: to an alias of an erased customer, "you are erased as of {@code erasedAt}";
 *   <li>{@code COUNT}: to the survivor of an absorbed id, event-condition counts that a replay of the absorbed id's
 *       older events found ({@code state} holds them), recorded on the log at {@code recordedAt}.
 * </ul>
 *
 * {@code hops} counts how often a message was passed on along a chain of merges; past {@link #MAX_HOPS} it goes to
 * the DLQ (a cycle), so no message circulates for ever. An {@code EVENT} names the event-condition signatures its
 * home partition counted it for ({@code counted}; null counts every one): the home partition decides once whether
 * an event counts live or in a replay, wherever the survivor lives.
 */
public record Handover(
        Kind kind,
        int hops,
        byte[] event,
        String survivor,
        String from,
        CustomerState state,
        Long erasedAt,
        java.util.Set<String> counted,
        Long recordedAt) {
    static final int MAX_HOPS = 16;

    public enum Kind {
        EVENT,
        MERGE,
        ABSORB,
        ERASE,
        COUNT
    }

    static Handover event(byte[] event, int hops, java.util.Set<String> counted) {
        return new Handover(Kind.EVENT, hops, event, null, null, null, null, counted, null);
    }

    static Handover merge(String survivor) {
        return new Handover(Kind.MERGE, 0, null, survivor, null, null, null, null, null);
    }

    static Handover absorb(String from, CustomerState state) {
        return new Handover(Kind.ABSORB, 0, null, null, from, state, null, null, null);
    }

    static Handover erase(long erasedAt) {
        return new Handover(Kind.ERASE, 0, null, null, null, null, erasedAt, null, null);
    }

    static Handover count(CustomerState counts, long recordedAt) {
        return new Handover(Kind.COUNT, 0, null, null, null, counts, null, null, recordedAt);
    }

    Handover passedOn() {
        return new Handover(kind, hops + 1, event, survivor, from, state, erasedAt, counted, recordedAt);
    }
}
