package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.behavior.Stamped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The customer store's values in a compact binary form: a version byte, then every field in a fixed order, numbers
 * as variable-length integers. The customer state is written once per event, so this encoding is on the hottest
 * path of the topology (a generic binary JSON mapping cost a quarter of a stream thread). Values written by the
 * earlier Smile mapping are still read, so a store built by an older version keeps working.
 *
 * <p>Trait values are the contract's scalars and lists of scalars; anything else a trait could hold is written in
 * the generic mapping, so nothing is lost.
 */
final class CustomerStateSerde {
    static final byte VERSION = 0x4d; // 'M'; Smile values start with ':'
    private static final Serde<CustomerState> SMILE = JsonSerde.of(CustomerState.class);

    private CustomerStateSerde() {}

    static Serde<CustomerState> serde() {
        Serializer<CustomerState> serializer = (topic, state) -> state == null ? null : write(state);
        Deserializer<CustomerState> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0 || bytes[0] != VERSION) {
                return SMILE.deserializer().deserialize(topic, bytes);
            }
            try {
                return new Reader(bytes).state();
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read a customer state", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(CustomerState state) {
        Writer out = new Writer();
        out.bytes.write(VERSION);
        out.state(state);
        return out.bytes.toByteArray();
    }

    private static final class Writer {
        final Buffer bytes = new Buffer();

        void state(CustomerState state) {
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
                bytes.write(Tag.STRING);
                string(text);
            } else if (value instanceof Integer number) {
                bytes.write(Tag.INT);
                out(number);
            } else if (value instanceof Long number) {
                bytes.write(Tag.LONG);
                outLong(number);
            } else if (value instanceof BigDecimal number) {
                bytes.write(Tag.DECIMAL);
                decimal(number);
            } else if (value instanceof Boolean flag) {
                bytes.write(flag ? Tag.TRUE : Tag.FALSE);
            } else if (value instanceof List<?> list) {
                bytes.write(Tag.LIST);
                out(list.size());
                list.forEach(this::value);
            } else {
                bytes.write(Tag.GENERIC);
                try {
                    byte[] generic = JsonSerde.mapper().writeValueAsBytes(value);
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
            long zigzag = (value << 1) ^ (value >> 63);
            while ((zigzag & ~0x7fL) != 0) {
                bytes.write((int) ((zigzag & 0x7f) | 0x80));
                zigzag >>>= 7;
            }
            bytes.write((int) zigzag);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at = 1; // after the version

        Reader(byte[] bytes) {
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
                case Tag.STRING -> string();
                case Tag.INT -> in();
                case Tag.LONG -> inLong();
                case Tag.DECIMAL -> decimal();
                case Tag.TRUE -> Boolean.TRUE;
                case Tag.FALSE -> Boolean.FALSE;
                case Tag.LIST -> {
                    int size = count();
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(value());
                    }
                    yield list;
                }
                case Tag.GENERIC -> {
                    int length = count();
                    try {
                        Object value = JsonSerde.mapper().readValue(bytes, at, length, Object.class);
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

    private static final class Tag {
        static final byte STRING = 1;
        static final byte INT = 2;
        static final byte LONG = 3;
        static final byte DECIMAL = 4;
        static final byte TRUE = 5;
        static final byte FALSE = 6;
        static final byte LIST = 7;
        static final byte GENERIC = 8;
    }

    /** A growable byte array without the synchronisation of {@link java.io.ByteArrayOutputStream}. */
    private static final class Buffer {
        private byte[] data = new byte[512];
        private int size;

        void write(int b) {
            ensure(1);
            data[size++] = (byte) b;
        }

        void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, data, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(data, size);
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }
    }
}
