package io.mosaic.profile.stream;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.mosaic.profile.traits.LwwFields;
import io.mosaic.streams.RecentEventIds;
import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One customer id's state in the {@code profiles} store. Either a profile (traits and consent last-writer-wins,
 * identifiers with when each was first presented, the ids merged into it, segmentation's latest behavior and
 * memberships) or, once merged away, a pointer to its survivor ({@link #mergedInto}) that passes later records on.
 * The timeline's entries live in a store of their own ({@link TimelineEntries}); this counts them. The store's
 * changelog, one record per changed customer per commit, is what the read model renders its documents from.
 *
 * <p>A state exists for derived data before the customer's first event (segmentation may publish first); it is a
 * profile, served and counted, once {@link #firstSeenAt} is set.
 */
public final class ProfileState {
    public String mergedInto;
    public TreeSet<String> aliases = new TreeSet<>();
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant updatedAt;
    public long version;
    public LwwFields traits = new LwwFields();
    public LwwFields consent = new LwwFields();
    /** {@code kind:value} (an external id's value is {@code system:id}) to when it was first presented. */
    public TreeMap<String, Instant> identifiers = new TreeMap<>();
    /** Segmentation's latest summary of the customer, as published (JSON). */
    public String behavior;

    /** Segment id to its membership. */
    public TreeMap<String, Membership> segments = new TreeMap<>();

    public int timelineEntries;
    /** Grows whenever the keys the profile is found by change: the read model rewrites them only then. */
    public long lookupsVersion;

    @JsonIgnore
    private RecentEventIds seen = new RecentEventIds();

    /** A segment the customer is in, since when, under the name it had then. */
    public record Membership(String name, Instant since) {}

    public boolean isPointer() {
        return mergedInto != null;
    }

    public boolean isProfile() {
        return mergedInto == null && firstSeenAt != null;
    }

    RecentEventIds seen() {
        return seen;
    }

    void seen(RecentEventIds ids) {
        seen = ids;
    }

    void seenAt(Instant at) {
        firstSeenAt = firstSeenAt == null || at.isBefore(firstSeenAt) ? at : firstSeenAt;
        lastSeenAt = lastSeenAt == null || at.isAfter(lastSeenAt) ? at : lastSeenAt;
    }

    /** The merge of an absorbed customer's own facts; its derived data is segmentation's to publish anew. */
    void absorb(ProfileState other) {
        traits.absorb(other.traits);
        consent.absorb(other.consent);
        if (other.firstSeenAt != null) {
            seenAt(other.firstSeenAt);
            seenAt(other.lastSeenAt);
        }
        other.identifiers.forEach((key, at) -> identifiers.merge(key, at, (a, b) -> a.isBefore(b) ? a : b));
    }

    /** A pointer left behind by a merge: it keeps the event ids it saw, so their copies still count once. */
    ProfileState pointerTo(String survivor) {
        ProfileState pointer = new ProfileState();
        pointer.mergedInto = survivor;
        pointer.seen = seen;
        return pointer;
    }

    @JsonGetter("seen")
    long[][] seenForStore() {
        long[] hashes = new long[seen.size()];
        long[] times = new long[seen.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = seen.hashAt(i);
            times[i] = seen.seenAt(i);
        }
        return new long[][] {hashes, times};
    }

    @JsonSetter("seen")
    void seenFromStore(long[][] stored) {
        seen = new RecentEventIds(stored[0], stored[1], stored[0].length);
    }
}
