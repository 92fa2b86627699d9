package io.mosaic.segmentation.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the test driver's single partition of the interactions holds, in the offsets the driver gives (0, 1, ...):
 * the replay reader of topology tests, which have no broker to read from.
 */
final class RecordedPartitions implements ReplayReader.Factory {
    private final List<ReplayReader.Entry> entries = new ArrayList<>();

    void append(long timestamp, String key, byte[] value) {
        entries.add(new ReplayReader.Entry(entries.size(), timestamp, key, value));
    }

    @Override
    public ReplayReader open(Map<String, Object> applicationConfigs) {
        return new ReplayReader() {
            @Override
            public Batch read(String topic, int partition, long from, long until, int max) {
                List<Entry> read = new ArrayList<>();
                long next = from;
                while (next < Math.min(until, entries.size()) && read.size() < max) {
                    read.add(entries.get((int) next++));
                }
                return new Batch(read, next);
            }

            @Override
            public long committed(String topic, int partition) {
                return entries.size();
            }

            @Override
            public void close() {}
        };
    }
}
