package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.streams.RecentEventIds;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Writes a {@link CustomerState} in the form {@link CustomerStateSerde} describes. */
final class CustomerStateWriter {
    private final GrowableBytes bytes = new GrowableBytes();

    private CustomerStateWriter() {}

    /** The version byte, then the state. */
    static byte[] write(CustomerState state) {
        CustomerStateWriter out = new CustomerStateWriter();
        out.bytes.write(CustomerStateSerde.VERSION);
        out.state(state);
        return out.bytes.toByteArray();
    }

    private void state(CustomerState state) {
        aggregate(state.aggregate);
        out(state.memberships.size());
        state.memberships.forEach((segment, since) -> {
            string(segment);
            instant(since);
        });
        nullableString(state.mergedInto);
        out(state.aliases.size());
        state.aliases.forEach(this::string);
        nullableInstant(state.nextCheckAt);
        if (state.rfm == null) {
            bytes.write(0);
        } else {
            bytes.write(1);
            outLong(state.rfm.lastPurchaseHour());
            out(state.rfm.hours());
            out(state.rfm.frequency());
            out(state.rfm.monetaryBucket());
        }
        outLong(state.behaviorFingerprint);
        if (state.countsFrom == null) {
            bytes.write(0);
        } else {
            bytes.write(1);
            outLong(state.countsFrom);
        }
        if (state.consent == null) {
            bytes.write(0);
        } else {
            bytes.write(state.consent.granted() ? 2 : 1);
            instant(state.consent.decidedAt());
            nullableString(state.consent.eventId());
        }
        seen(state.seen);
    }

    /** Ids as fixed 8-byte hashes (they are random), times as the difference to the one before. */
    private void seen(RecentEventIds ids) {
        out(ids.size());
        long previous = 0;
        for (int i = 0; i < ids.size(); i++) {
            long hash = ids.hashAt(i);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes.write((int) (hash >>> shift));
            }
            outLong(ids.seenAt(i) - previous);
            previous = ids.seenAt(i);
        }
    }

    private void aggregate(CustomerAggregate aggregate) {
        nullableInstant(aggregate.firstSeenAt);
        nullableInstant(aggregate.lastSeenAt);
        nullableInstant(aggregate.firstPurchaseAt);
        nullableInstant(aggregate.lastPurchaseAt);
        out(aggregate.days.size());
        aggregate.days.forEach((day, bucket) -> {
            outLong(day);
            bucket(bucket);
        });
        bucket(aggregate.earlier);
        outLong(aggregate.csatSum);
        out(aggregate.csatCount);
        if (aggregate.lastNps == null) {
            bytes.write(0);
        } else {
            bytes.write(1);
            out(aggregate.lastNps.value());
            instant(aggregate.lastNps.at());
            nullableString(aggregate.lastNps.eventId());
        }
        out(aggregate.traits.size());
        aggregate.traits.forEach((path, stamped) -> {
            string(path);
            value(stamped.value());
            instant(stamped.at());
            nullableString(stamped.eventId());
        });
        out(aggregate.conditions.size());
        aggregate.conditions.forEach((signature, days) -> {
            string(signature);
            out(days.size());
            days.forEach((day, counter) -> {
                outLong(day);
                outLong(counter.count());
                decimal(counter.sum());
            });
        });
    }

    private void bucket(DayBucket bucket) {
        out(bucket.events);
        out(bucket.purchases);
        out(bucket.flashSalePurchases);
        out(bucket.ticketsOpened);
        out(bucket.ticketsResolved);
        out(bucket.promotionsSent);
        out(bucket.promotionsResponded);
        out(bucket.spend.size());
        bucket.spend.forEach((currency, amount) -> {
            string(currency);
            decimal(amount);
        });
        out(bucket.channels.size());
        bucket.channels.forEach((channel, count) -> {
            string(channel);
            out(count);
        });
    }

    private void value(Object value) {
        if (value instanceof String text) {
            bytes.write(CustomerStateSerde.Tag.STRING);
            string(text);
        } else if (value instanceof Integer number) {
            bytes.write(CustomerStateSerde.Tag.INT);
            out(number);
        } else if (value instanceof Long number) {
            bytes.write(CustomerStateSerde.Tag.LONG);
            outLong(number);
        } else if (value instanceof BigDecimal number) {
            bytes.write(CustomerStateSerde.Tag.DECIMAL);
            decimal(number);
        } else if (value instanceof Boolean flag) {
            bytes.write(flag ? CustomerStateSerde.Tag.TRUE : CustomerStateSerde.Tag.FALSE);
        } else if (value instanceof List<?> list) {
            bytes.write(CustomerStateSerde.Tag.LIST);
            out(list.size());
            list.forEach(this::value);
        } else {
            bytes.write(CustomerStateSerde.Tag.GENERIC);
            try {
                byte[] generic = SmileSerde.mapper().writeValueAsBytes(value);
                out(generic.length);
                bytes.write(generic, 0, generic.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void decimal(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        out(value.scale());
        if (unscaled.bitLength() < 64) {
            bytes.write(0);
            outLong(unscaled.longValue());
        } else {
            byte[] magnitude = unscaled.toByteArray();
            bytes.write(1);
            out(magnitude.length);
            bytes.write(magnitude, 0, magnitude.length);
        }
    }

    private void nullableInstant(Instant at) {
        if (at == null) {
            bytes.write(0);
        } else {
            bytes.write(1);
            instant(at);
        }
    }

    private void instant(Instant at) {
        outLong(at.getEpochSecond());
        out(at.getNano());
    }

    private void nullableString(String text) {
        if (text == null) {
            bytes.write(0);
        } else {
            bytes.write(1);
            string(text);
        }
    }

    private void string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out(utf8.length);
        bytes.write(utf8, 0, utf8.length);
    }

    private void out(int value) {
        outLong(value);
    }

    /** Zig-zag, seven bits a byte: small magnitudes of either sign take one or two bytes. */
    private void outLong(long value) {
        bytes.writeVarLong((value << 1) ^ (value >> 63));
    }
}
