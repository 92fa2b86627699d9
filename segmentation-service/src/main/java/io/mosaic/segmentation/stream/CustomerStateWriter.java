package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.streams.BinaryWriter;
import io.mosaic.streams.SmileSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/** Writes a {@link CustomerState} in the form {@link CustomerStateSerde} describes. */
final class CustomerStateWriter {
    private final BinaryWriter out = BinaryWriter.withVersion(CustomerStateSerde.VERSION);

    private CustomerStateWriter() {}

    /** The version byte, then the state. */
    static byte[] write(CustomerState state) {
        CustomerStateWriter writer = new CustomerStateWriter();
        writer.state(state);
        return writer.out.toByteArray();
    }

    private void state(CustomerState state) {
        aggregate(state.aggregate);
        out.writeInt(state.memberships.size());
        state.memberships.forEach((segment, since) -> {
            out.writeString(segment);
            out.writeInstant(since);
        });
        out.writeNullableString(state.mergedInto);
        out.writeInt(state.aliases.size());
        state.aliases.forEach(out::writeString);
        out.writeNullableInstant(state.nextCheckAt);
        if (state.rfm == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeLong(state.rfm.lastPurchaseHour());
            out.writeInt(state.rfm.hours());
            out.writeInt(state.rfm.frequency());
            out.writeInt(state.rfm.monetaryBucket());
        }
        out.writeLong(state.behaviorFingerprint);
        if (state.countsFrom == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeLong(state.countsFrom);
        }
        if (state.consent == null) {
            out.writeByte(0);
        } else {
            out.writeByte(state.consent.granted() ? 2 : 1);
            out.writeInstant(state.consent.decidedAt());
            out.writeNullableString(state.consent.eventId());
        }
        out.writeRecentEventIds(state.seen);
    }

    private void aggregate(CustomerAggregate aggregate) {
        out.writeNullableInstant(aggregate.firstSeenAt);
        out.writeNullableInstant(aggregate.lastSeenAt);
        out.writeNullableInstant(aggregate.firstPurchaseAt);
        out.writeNullableInstant(aggregate.lastPurchaseAt);
        out.writeInt(aggregate.days.size());
        aggregate.days.forEach((day, bucket) -> {
            out.writeLong(day);
            bucket(bucket);
        });
        bucket(aggregate.earlier);
        out.writeLong(aggregate.csatSum);
        out.writeInt(aggregate.csatCount);
        if (aggregate.lastNps == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeInt(aggregate.lastNps.value());
            out.writeInstant(aggregate.lastNps.at());
            out.writeNullableString(aggregate.lastNps.eventId());
        }
        out.writeInt(aggregate.traits.size());
        aggregate.traits.forEach((path, stamped) -> {
            out.writeString(path);
            value(stamped.value());
            out.writeInstant(stamped.at());
            out.writeNullableString(stamped.eventId());
        });
        out.writeInt(aggregate.conditions.size());
        aggregate.conditions.forEach((signature, days) -> {
            out.writeString(signature);
            out.writeInt(days.size());
            days.forEach((day, counter) -> {
                out.writeLong(day);
                out.writeLong(counter.count());
                out.writeDecimal(counter.sum());
            });
        });
    }

    private void bucket(DayBucket bucket) {
        out.writeInt(bucket.events);
        out.writeInt(bucket.purchases);
        out.writeInt(bucket.flashSalePurchases);
        out.writeInt(bucket.ticketsOpened);
        out.writeInt(bucket.ticketsResolved);
        out.writeInt(bucket.promotionsSent);
        out.writeInt(bucket.promotionsResponded);
        out.writeInt(bucket.spend.size());
        bucket.spend.forEach((currency, amount) -> {
            out.writeString(currency);
            out.writeDecimal(amount);
        });
        out.writeInt(bucket.channels.size());
        bucket.channels.forEach((channel, count) -> {
            out.writeString(channel);
            out.writeInt(count);
        });
    }

    private void value(Object value) {
        if (value instanceof String text) {
            out.writeByte(CustomerStateSerde.Tag.STRING);
            out.writeString(text);
        } else if (value instanceof Integer number) {
            out.writeByte(CustomerStateSerde.Tag.INT);
            out.writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(CustomerStateSerde.Tag.LONG);
            out.writeLong(number);
        } else if (value instanceof BigDecimal number) {
            out.writeByte(CustomerStateSerde.Tag.DECIMAL);
            out.writeDecimal(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(flag ? CustomerStateSerde.Tag.TRUE : CustomerStateSerde.Tag.FALSE);
        } else if (value instanceof List<?> list) {
            out.writeByte(CustomerStateSerde.Tag.LIST);
            out.writeInt(list.size());
            list.forEach(this::value);
        } else {
            out.writeByte(CustomerStateSerde.Tag.GENERIC);
            try {
                out.writeBytes(SmileSerde.mapper().writeValueAsBytes(value));

            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
