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

    byte[] toByteArray() {
        return java.util.Arrays.copyOf(data, size);
    }

    private void ensure(int more) {
        if (size + more > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
        }
    }
}
