package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.behavior.Stamped;
import io.mosaic.streams.BinaryReader;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads what {@link CustomerStateWriter} wrote (after the version byte). */
final class CustomerStateReader {
    private final BinaryReader in;

    CustomerStateReader(byte[] bytes) {
        this.in = new BinaryReader(bytes, 1); // after the version
    }

    CustomerState state() {
        CustomerState state = new CustomerState();
        state.aggregate = aggregate();
        for (int i = in.readLength(); i > 0; i--) {
            state.memberships.put(in.readString(), in.readInstant());
        }
        state.mergedInto = in.readNullableString();
        for (int i = in.readLength(); i > 0; i--) {
            state.aliases.add(in.readString());
        }
        state.nextCheckAt = in.readFlag() ? in.readInstant() : null;
        if (in.readFlag()) {
            state.rfm = new RfmHistogram.Contribution(in.readLong(), in.readInt(), in.readInt(), in.readInt());
        }
        state.behaviorFingerprint = in.readLong();
        state.countsFrom = in.readFlag() ? in.readLong() : null;
        int consent = in.readByte();
        if (consent != 0) {
            state.consent = new CustomerState.Consent(consent == 2, in.readInstant(), in.readNullableString());
        }
        state.seen = in.readRecentEventIds();
        in.expectEnd();
        return state;
    }

    private CustomerAggregate aggregate() {
        CustomerAggregate aggregate = new CustomerAggregate();
        aggregate.firstSeenAt = in.readFlag() ? in.readInstant() : null;
        aggregate.lastSeenAt = in.readFlag() ? in.readInstant() : null;
        aggregate.firstPurchaseAt = in.readFlag() ? in.readInstant() : null;
        aggregate.lastPurchaseAt = in.readFlag() ? in.readInstant() : null;
        for (int i = in.readLength(); i > 0; i--) {
            aggregate.days.put(in.readLong(), bucket());
        }
        aggregate.earlier = bucket();
        aggregate.csatSum = in.readLong();
        aggregate.csatCount = in.readInt();
        if (in.readFlag()) {
            aggregate.lastNps = new Stamped<>(in.readInt(), in.readInstant(), in.readNullableString());
        }
        TreeMap<String, Stamped<Object>> traits = new TreeMap<>();
        for (int i = in.readLength(); i > 0; i--) {
            traits.put(in.readString(), new Stamped<>(value(), in.readInstant(), in.readNullableString()));
        }
        aggregate.traits = traits;
        TreeMap<String, TreeMap<Long, Counter>> conditions = new TreeMap<>();
        for (int i = in.readLength(); i > 0; i--) {
            String signature = in.readString();
            TreeMap<Long, Counter> days = new TreeMap<>();
            for (int j = in.readLength(); j > 0; j--) {
                days.put(in.readLong(), new Counter(in.readLong(), in.readDecimal()));
            }
            conditions.put(signature, days);
        }
        aggregate.conditions = conditions;
        return aggregate;
    }

    private DayBucket bucket() {
        DayBucket bucket = new DayBucket();
        bucket.events = in.readInt();
        bucket.purchases = in.readInt();
        bucket.flashSalePurchases = in.readInt();
        bucket.ticketsOpened = in.readInt();
        bucket.ticketsResolved = in.readInt();
        bucket.promotionsSent = in.readInt();
        bucket.promotionsResponded = in.readInt();
        for (int i = in.readLength(); i > 0; i--) {
            bucket.spend.put(in.readString(), in.readDecimal());
        }
        for (int i = in.readLength(); i > 0; i--) {
            bucket.channels.put(in.readString(), in.readInt());
        }
        return bucket;
    }

    private Object value() {
        byte tag = in.readByte();
        return switch (tag) {
            case CustomerStateSerde.Tag.STRING -> in.readString();
            case CustomerStateSerde.Tag.INT -> in.readInt();
            case CustomerStateSerde.Tag.LONG -> in.readLong();
            case CustomerStateSerde.Tag.DECIMAL -> in.readDecimal();
            case CustomerStateSerde.Tag.TRUE -> Boolean.TRUE;
            case CustomerStateSerde.Tag.FALSE -> Boolean.FALSE;
            case CustomerStateSerde.Tag.LIST -> {
                int size = in.readLength();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(value());
                }
                yield list;
            }
            case CustomerStateSerde.Tag.GENERIC -> {
                try {
                    yield SmileSerde.mapper().readValue(in.readBytes(), Object.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }
}
