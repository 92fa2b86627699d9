package io.mosaic.profile.persistence;

import io.mosaic.profile.traits.LwwFields;
import java.time.Instant;

/** A surviving customer's own facts while a transaction changes them. */
public final class ProfileRow {
    public final String customerId;
    public final LwwFields traits;
    public final LwwFields consent;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant updatedAt;
    public long version;

    public ProfileRow(
            String customerId,
            LwwFields traits,
            LwwFields consent,
            Instant firstSeenAt,
            Instant lastSeenAt,
            Instant updatedAt,
            long version) {
        this.customerId = customerId;
        this.traits = traits;
        this.consent = consent;
        this.firstSeenAt = firstSeenAt;
        this.lastSeenAt = lastSeenAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static ProfileRow firstSeen(String customerId, Instant at) {
        return new ProfileRow(customerId, new LwwFields(), new LwwFields(), at, at, at, 0);
    }

    /** Takes the other customer's facts: the merge of two profiles. */
    public void absorb(ProfileRow other) {
        traits.absorb(other.traits);
        consent.absorb(other.consent);
        firstSeenAt = firstSeenAt.isBefore(other.firstSeenAt) ? firstSeenAt : other.firstSeenAt;
        lastSeenAt = lastSeenAt.isAfter(other.lastSeenAt) ? lastSeenAt : other.lastSeenAt;
    }

    public void seenAt(Instant at) {
        firstSeenAt = firstSeenAt.isBefore(at) ? firstSeenAt : at;
        lastSeenAt = lastSeenAt.isAfter(at) ? lastSeenAt : at;
    }
}
