package io.mosaic.segmentation.behavior;

import java.time.Instant;

/**
 * A value with the instant and event that set it. Of two, the later {@code at} wins, ties go to the larger event
 * id: the same set of events gives the same winner whatever order they arrive in.
 */
public record Stamped<T>(T value, Instant at, String eventId) {

    public boolean newerThan(Stamped<?> other) {
        if (other == null) {
            return true;
        }
        int byTime = at.compareTo(other.at);
        return byTime != 0 ? byTime > 0 : eventId.compareTo(other.eventId) > 0;
    }

    public static <T> Stamped<T> latest(Stamped<T> a, Stamped<T> b) {
        if (a == null) {
            return b;
        }
        return b != null && b.newerThan(a) ? b : a;
    }
}
