package io.mosaic.profile.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer ids that presented one identifier (the {@code claims} store's value): each with the customer it is
 * part of now and when that customer was first seen. At most {@link #MAX_KEPT} are kept; more are only counted
 * ({@code uncounted}), which is all the shared-identifier limit needs.
 */
public final class ClaimHolders {
    static final int MAX_KEPT = 64;

    /** A customer id that presented the identifier. */
    public record Holder(String presenter, String survivor, long firstSeenAt) {}

    public List<Holder> holders = new ArrayList<>();
    public int uncounted;

    int presenters() {
        return holders.size() + uncounted;
    }

    boolean holds(String presenter) {
        return holders.stream().anyMatch(holder -> holder.presenter().equals(presenter));
    }

    void add(Holder holder) {
        if (holders.size() < MAX_KEPT) {
            holders.add(holder);
        } else {
            uncounted++;
        }
    }

    /** Every holder that was part of {@code from} is part of {@code survivor} now. */
    boolean move(String from, String survivor, long firstSeenAt) {
        boolean changed = false;
        for (int i = 0; i < holders.size(); i++) {
            Holder holder = holders.get(i);
            if (holder.survivor().equals(from) || holder.survivor().equals(survivor)) {
                holders.set(i, new Holder(holder.presenter(), survivor, firstSeenAt));
                changed = true;
            }
        }
        return changed;
    }

    void release(List<String> ids) {
        holders.removeIf(holder -> ids.contains(holder.presenter()) || ids.contains(holder.survivor()));
    }

    boolean isEmpty() {
        return holders.isEmpty() && uncounted == 0;
    }
}
