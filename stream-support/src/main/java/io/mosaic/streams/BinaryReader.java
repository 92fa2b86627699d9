package io.mosaic.streams;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what a {@link BinaryWriter} wrote. Every length is checked against the bytes left, so a damaged value
 * fails with an exception naming where, instead of allocating what a corrupt length asks for.
 */
public final class BinaryReader {
    private final byte[] bytes;
    private int at;

    /** Reads {@code bytes} from {@code offset} (1: after a version byte). */
    public BinaryReader(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.at = offset;
    }

    /** Fails unless every byte was read: a value written by another encoding is not taken for this one. */
    public void expectEnd() {
        if (at != bytes.length) {
            throw new IllegalStateException((bytes.length - at) + " bytes left over");
        }
    }

    public byte readByte() {
        return bytes[at++];
    }

    public byte[] readBytes() {
        int length = readLength();
        byte[] read = java.util.Arrays.copyOfRange(bytes, at, at + length);
        at += length;
        return read;
    }

    public boolean readFlag() {
        return bytes[at++] != 0;
    }

    public int readInt() {
        return Math.toIntExact(readLong());
    }

    public long readLong() {
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

    public long readFixedLong() {
        long value = 0;
        for (int b = 0; b < 8; b++) {
            value = (value << 8) | (bytes[at++] & 0xff);
        }
        return value;
    }

    /** A count or length, which can never be more than the bytes left. */
    public int readLength() {
        int count = readInt();
        if (count < 0 || count > bytes.length - at) {
            throw new IllegalStateException("a length of " + count + " at byte " + at);
        }
        return count;
    }

    public String readString() {
        int length = readLength();
        String text = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    public String readNullableString() {
        return readFlag() ? readString() : null;
    }

    public Instant readInstant() {
        long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readInt());
    }

    public Instant readNullableInstant() {
        return readFlag() ? readInstant() : null;
    }

    public BigDecimal readDecimal() {
        int scale = readInt();
        if (readByte() == 0) {
            return BigDecimal.valueOf(readLong(), scale);
        }
        return new BigDecimal(new BigInteger(readBytes()), scale);
    }

    public RecentEventIds readRecentEventIds() {
        int size = readLength();
        if (size > RecentEventIds.MAX_IDS) {
            throw new IllegalStateException(size + " event ids");
        }
        long[] hashes = new long[size];
        long[] seenAt = new long[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            hashes[i] = readFixedLong();
            previous += readLong();
            seenAt[i] = previous;
        }
        return new RecentEventIds(hashes, seenAt, size);
    }
}
