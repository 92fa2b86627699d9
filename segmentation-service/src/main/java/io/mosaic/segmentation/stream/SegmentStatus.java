package io.mosaic.segmentation.stream;

import io.mosaic.events.EventJson;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A segment's status as every partition's task reports it ({@link Progress}): {@code replaying} while any partition
 * still replays one of its event conditions, {@code backfilling} while any partition has not finished applying the
 * tenant's current definitions (or has not reported yet; a tenant with only the built-in segments needs no
 * report), else {@code active}; with the customers re-evaluated so
 * far of how many, summed over the partitions.
 */
public final class SegmentStatus {
    public static final String REPLAYING = "replaying";
    public static final String BACKFILLING = "backfilling";
    public static final String ACTIVE = "active";

    /** A status, and the backfill's customers done of the total. */
    public record Status(String status, long total, long done) {}

    private SegmentStatus() {}

    /**
     * @param progress the global store of the progress topic
     * @param fingerprint the fingerprint of the tenant's definitions as they are now
     * @param signatures the segment's event-condition signatures
     * @param fresh those of its signatures that no other segment of the tenant has: until every partition has
     *     reported on the current definitions, they are taken to be replayed (their history is not counted yet)
     * @param partitions how many partitions the interactions topic has
     */
    public static Status of(
            ReadOnlyKeyValueStore<String, byte[]> progress,
            String tenant,
            String fingerprint,
            Set<String> signatures,
            Set<String> fresh,
            int partitions) {
        int reported = 0;
        boolean replaying = false;
        boolean backfilling = false;
        boolean stale = false;
        long total = 0;
        long done = 0;
        try (KeyValueIterator<String, byte[]> parts =
                progress.prefixScan(tenant + ":", Serdes.String().serializer())) {
            while (parts.hasNext()) {
                Progress.TaskProgress part = read(parts.next().value);
                if (part == null) {
                    continue;
                }
                reported++;
                replaying |= part.replaying().stream().anyMatch(signatures::contains);
                backfilling |= part.backfilling();
                stale |= !fingerprint.equals(part.catalog());
                total += part.total();
                done += part.done();
            }
        }
        stale |= reported < partitions && !fingerprint.equals(DefinedSegments.NO_DEFINITIONS);
        replaying |= stale && !fresh.isEmpty();
        String status = replaying ? REPLAYING : backfilling || stale ? BACKFILLING : ACTIVE;
        return new Status(status, total, status.equals(ACTIVE) ? total : done);
    }

    private static Progress.TaskProgress read(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, Progress.TaskProgress.class);
        } catch (IOException e) {
            return null;
        }
    }
}
