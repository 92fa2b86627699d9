package io.mosaic.streams;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The primitives of the stores' compact value encodings ({@link BinaryReader} reads them back): numbers zig-zag,
 * seven bits a byte, so small magnitudes of either sign take one or two bytes; strings as UTF-8 after their
 * length; instants as seconds and nanoseconds; a nullable value after a flag byte. A state written once per event
 * is on the hottest path of a topology, where a generic binary JSON mapping cost a quarter to a third of a stream
 * thread.
 */
public final class BinaryWriter {
    private byte[] data = new byte[512];
    private int size;

    /** A writer whose first byte is {@code version}, telling the encoding from an older one. */
    public static BinaryWriter withVersion(byte version) {
        BinaryWriter writer = new BinaryWriter();
        writer.writeByte(version);
        return writer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    public void writeByte(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    public void writeBytes(byte[] source) {
        writeInt(source.length);
        ensure(source.length);
        System.arraycopy(source, 0, data, size, source.length);
        size += source.length;
    }

    public void writeFlag(boolean flag) {
        writeByte(flag ? 1 : 0);
    }

    public void writeInt(int value) {
        writeLong(value);
    }

    public void writeLong(long value) {
        long rest = (value << 1) ^ (value >> 63);
        ensure(10);
        while ((rest & ~0x7fL) != 0) {
            data[size++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        data[size++] = (byte) rest;
    }

    /** Eight bytes, for values that are random (hashes): a variable length would only make them longer. */
    public void writeFixedLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            data[size++] = (byte) (value >>> shift);
        }
    }

    public void writeString(String text) {
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeNullableString(String text) {
        writeFlag(text != null);
        if (text != null) {
            writeString(text);
        }
    }

    public void writeInstant(Instant at) {
        writeLong(at.getEpochSecond());
        writeInt(at.getNano());
    }

    public void writeNullableInstant(Instant at) {
        writeFlag(at != null);
        if (at != null) {
            writeInstant(at);
        }
    }

    public void writeDecimal(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        writeInt(value.scale());
        if (unscaled.bitLength() < 64) {
            writeByte(0);
            writeLong(unscaled.longValue());
        } else {
            writeByte(1);
            writeBytes(unscaled.toByteArray());
        }
    }

    /** Ids as their fixed 8-byte hashes, times as the difference to the one before. */
    public void writeRecentEventIds(RecentEventIds ids) {
        writeInt(ids.size());
        long previous = 0;
        for (int i = 0; i < ids.size(); i++) {
            writeFixedLong(ids.hashAt(i));
            writeLong(ids.seenAt(i) - previous);
            previous = ids.seenAt(i);
        }
    }

    private void ensure(int more) {
        if (size + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
        }
    }
}
