package io.mosaic.segmentation.stream;

/** A growable byte array without the synchronisation of {@link java.io.ByteArrayOutputStream}. */
final class GrowableBytes {
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

    /** An unsigned value, seven bits a byte, the lowest first; one bounds check for the whole value. */
    void writeVarLong(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            data[size++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        data[size++] = (byte) rest;
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
