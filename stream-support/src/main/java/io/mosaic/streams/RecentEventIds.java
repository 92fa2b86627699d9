package io.mosaic.streams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The dedup window of one customer, kept in the customer's own state: the event ids applied in the last window (7
 * days by default), at most {@link #MAX_IDS} of them, oldest first. The state is written once per event anyway, so
 * remembering an id costs a few bytes instead of a store write and a changelog record of its own.
 *
 * <p>An id is kept as a 64-bit hash: two different ids of one customer within the window are taken for one with a
 * chance of about 2<sup>-54</sup>.
 */
public final class RecentEventIds {
    /** How long an event id is remembered. */
    public record Settings(java.time.Duration window) {
        public static final Settings DEFAULT = new Settings(java.time.Duration.ofDays(7));
    }

    /** At most this many ids per customer: a customer with more events in one window has the latest remembered. */
    public static final int MAX_IDS = 1_000;

    private long[] hashes;
    private long[] seenAt;
    private int size;

    public RecentEventIds() {
        this(new long[0], new long[0], 0);
    }

    public RecentEventIds(long[] hashes, long[] seenAt, int size) {
        this.hashes = hashes;
        this.seenAt = seenAt;
        this.size = size;
    }

    /**
     * Whether {@code eventId} is new within the window ending at {@code now}; remembers it if so. Ids older than
     * the window are forgotten first.
     */
    public boolean firstTime(String eventId, long now, long windowMillis) {
        forgetBefore(now - windowMillis);
        long hash = hash(eventId);
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                return false;
            }
        }
        if (size == MAX_IDS) {
            forgetOldest(1);
        }
        if (size == hashes.length) {
            int capacity = Math.min(MAX_IDS, Math.max(4, size * 2));
            hashes = Arrays.copyOf(hashes, capacity);
            seenAt = Arrays.copyOf(seenAt, capacity);
        }
        hashes[size] = hash;
        seenAt[size] = now;
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    public long hashAt(int index) {
        return hashes[index];
    }

    public long seenAt(int index) {
        return seenAt[index];
    }

    private void forgetBefore(long oldest) {
        int expired = 0;
        while (expired < size && seenAt[expired] <= oldest) {
            expired++;
        }
        forgetOldest(expired);
    }

    private void forgetOldest(int count) {
        if (count == 0) {
            return;
        }
        System.arraycopy(hashes, count, hashes, 0, size - count);
        System.arraycopy(seenAt, count, seenAt, 0, size - count);
        size -= count;
    }

    /** 64-bit FNV-1a over the id's UTF-8 bytes, then a final mix so that similar ids spread over every bit. */
    public static long hash(String eventId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
