package io.mosaic.profile.stream;

import java.util.List;

/**
 * A message from one customer id's key to another's, through the profile handover topic (partitioned like
 * {@code mosaic.interactions}, so it reaches the task that owns the target key):
 *
 * <ul>
 *   <li>{@code EVENT}: an event of an id merged into another, applied to its survivor;
 *   <li>{@code MERGE}: to the absorbed id, "you are now {@code survivor}";
 *   <li>{@code ABSORB}: to the survivor, the absorbed id's state and timeline entries to take;
 *   <li>{@code ERASE}: to an id merged into an erased customer, "you are erased as of {@code erasedAt}".
 * </ul>
 *
 * Segmentation moves its own state by the same rules on the same {@code customer.merged} events, so both agree on
 * every survivor. {@code hops} counts how often a message was passed along a chain of merges; past
 * {@link #MAX_HOPS} it goes to the DLQ (the merges form a cycle).
 */
public record ProfileHandover(
        Kind kind,
        int hops,
        byte[] event,
        String survivor,
        String from,
        ProfileState state,
        List<TimelineEntries.Entry> timeline,
        Long erasedAt) {
    static final int MAX_HOPS = 16;

    public enum Kind {
        EVENT,
        MERGE,
        ABSORB,
        ERASE
    }

    static ProfileHandover event(byte[] event, int hops) {
        return new ProfileHandover(Kind.EVENT, hops, event, null, null, null, null, null);
    }

    static ProfileHandover merge(String survivor) {
        return new ProfileHandover(Kind.MERGE, 0, null, survivor, null, null, null, null);
    }

    static ProfileHandover absorb(String from, ProfileState state, List<TimelineEntries.Entry> timeline) {
        return new ProfileHandover(Kind.ABSORB, 0, null, null, from, state, timeline, null);
    }

    static ProfileHandover erase(long erasedAt) {
        return new ProfileHandover(Kind.ERASE, 0, null, null, null, null, null, erasedAt);
    }

    ProfileHandover passedOn() {
        return new ProfileHandover(kind, hops + 1, event, survivor, from, state, timeline, erasedAt);
    }
}
