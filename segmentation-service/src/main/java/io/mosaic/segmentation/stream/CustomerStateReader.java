package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.behavior.Stamped;
import io.mosaic.streams.RecentEventIds;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads what {@link CustomerStateWriter} wrote (after the version byte). */
final class CustomerStateReader {
    private final byte[] bytes;
    private int at = 1; // after the version

    CustomerStateReader(byte[] bytes) {
        this.bytes = bytes;
    }

    CustomerState state() {
        CustomerState state = new CustomerState();
        state.aggregate = aggregate();
        for (int i = count(); i > 0; i--) {
            state.memberships.put(string(), instant());
        }
        state.mergedInto = nullableString();
        for (int i = count(); i > 0; i--) {
            state.aliases.add(string());
        }
        state.nextCheckAt = flag() ? instant() : null;
        if (flag()) {
            state.rfm = new RfmHistogram.Contribution(inLong(), in(), in(), in());
        }
        state.behaviorFingerprint = inLong();
        state.countsFrom = flag() ? inLong() : null;
        int consent = bytes[at++];
        if (consent != 0) {
            state.consent = new CustomerState.Consent(consent == 2, instant(), nullableString());
        }
        state.seen = seen();
        if (at != bytes.length) {
            throw new IllegalStateException((bytes.length - at) + " bytes left over");
        }
        return state;
    }

    private RecentEventIds seen() {
        int size = count();
        if (size > RecentEventIds.MAX_IDS) {
            throw new IllegalStateException(size + " event ids");
        }
        long[] hashes = new long[size];
        long[] seenAt = new long[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            long hash = 0;
            for (int b = 0; b < 8; b++) {
                hash = (hash << 8) | (bytes[at++] & 0xff);
            }
            hashes[i] = hash;
            previous += inLong();
            seenAt[i] = previous;
        }
        return new RecentEventIds(hashes, seenAt, size);
    }

    private CustomerAggregate aggregate() {
        CustomerAggregate aggregate = new CustomerAggregate();
        aggregate.firstSeenAt = flag() ? instant() : null;
        aggregate.lastSeenAt = flag() ? instant() : null;
        aggregate.firstPurchaseAt = flag() ? instant() : null;
        aggregate.lastPurchaseAt = flag() ? instant() : null;
        for (int i = count(); i > 0; i--) {
            aggregate.days.put(inLong(), bucket());
        }
        aggregate.earlier = bucket();
        aggregate.csatSum = inLong();
        aggregate.csatCount = in();
        if (flag()) {
            aggregate.lastNps = new Stamped<>(in(), instant(), nullableString());
        }
        TreeMap<String, Stamped<Object>> traits = new TreeMap<>();
        for (int i = count(); i > 0; i--) {
            traits.put(string(), new Stamped<>(value(), instant(), nullableString()));
        }
        aggregate.traits = traits;
        TreeMap<String, TreeMap<Long, Counter>> conditions = new TreeMap<>();
        for (int i = count(); i > 0; i--) {
            String signature = string();
            TreeMap<Long, Counter> days = new TreeMap<>();
            for (int j = count(); j > 0; j--) {
                days.put(inLong(), new Counter(inLong(), decimal()));
            }
            conditions.put(signature, days);
        }
        aggregate.conditions = conditions;
        return aggregate;
    }

    private DayBucket bucket() {
        DayBucket bucket = new DayBucket();
        bucket.events = in();
        bucket.purchases = in();
        bucket.flashSalePurchases = in();
        bucket.ticketsOpened = in();
        bucket.ticketsResolved = in();
        bucket.promotionsSent = in();
        bucket.promotionsResponded = in();
        for (int i = count(); i > 0; i--) {
            bucket.spend.put(string(), decimal());
        }
        for (int i = count(); i > 0; i--) {
            bucket.channels.put(string(), in());
        }
        return bucket;
    }

    private Object value() {
        byte tag = bytes[at++];
        return switch (tag) {
            case CustomerStateSerde.Tag.STRING -> string();
            case CustomerStateSerde.Tag.INT -> in();
            case CustomerStateSerde.Tag.LONG -> inLong();
            case CustomerStateSerde.Tag.DECIMAL -> decimal();
            case CustomerStateSerde.Tag.TRUE -> Boolean.TRUE;
            case CustomerStateSerde.Tag.FALSE -> Boolean.FALSE;
            case CustomerStateSerde.Tag.LIST -> {
                int size = count();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(value());
                }
                yield list;
            }
            case CustomerStateSerde.Tag.GENERIC -> {
                int length = count();
                try {
                    Object value = SmileSerde.mapper().readValue(bytes, at, length, Object.class);
                    at += length;
                    yield value;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }

    private BigDecimal decimal() {
        int scale = in();
        if (bytes[at++] == 0) {
            return BigDecimal.valueOf(inLong(), scale);
        }
        int length = count();
        BigInteger unscaled = new BigInteger(bytes, at, length);
        at += length;
        return new BigDecimal(unscaled, scale);
    }

    private Instant instant() {
        long seconds = inLong();
        return Instant.ofEpochSecond(seconds, in());
    }

    private String nullableString() {
        return flag() ? string() : null;
    }

    private boolean flag() {
        return bytes[at++] != 0;
    }

    private String string() {
        int length = count();
        String text = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    private int count() {
        int count = in();
        if (count < 0 || count > bytes.length - at) {
            throw new IllegalStateException("a length of " + count + " at byte " + at);
        }
        return count;
    }

    private int in() {
        return Math.toIntExact(inLong());
    }

    private long inLong() {
        long zigzag = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at++];
            zigzag |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }
}
