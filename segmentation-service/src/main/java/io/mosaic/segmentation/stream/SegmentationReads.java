package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.segments.SegmentDefinition;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the API reads from the running topology: a tenant's segments with their status (the definitions and progress
 * global stores, the same on every instance) and the questions over its customers (the customer store of the tasks
 * this instance runs). The stores are looked up per call: Kafka Streams replaces them after a rebalance or restart.
 */
public final class SegmentationReads {
    /** A segment as defined, and how far the topology has applied it. */
    public record Segment(TenantDefinitions.Listed listed, SegmentStatus.Status status) {}

    /** The stores it reads. */
    public interface Stores {
        ReadOnlyKeyValueStore<String, byte[]> definitions();

        ReadOnlyKeyValueStore<String, byte[]> progress();

        ReadOnlyKeyValueStore<String, byte[]> rfmHistograms();

        ReadOnlyKeyValueStore<String, CustomerState> customers();
    }

    /** The names of the stores, for the instance that looks them up. */
    public static final String DEFINITIONS = SegmentationTopology.DEFINITIONS;

    public static final String PROGRESS = SegmentationTopology.PROGRESS_TABLE;
    public static final String RFM_HISTOGRAMS = SegmentationTopology.RFM_HISTOGRAM_TABLE;
    public static final String CUSTOMERS = SegmentationTopology.CUSTOMER_STATES;

    private final Stores stores;
    private final Supplier<Integer> partitions;

    /**
     * @param partitions how many partitions the interactions topic has: a tenant's backfill is done when every one
     *     of them reported it
     */
    public SegmentationReads(Stores stores, Supplier<Integer> partitions) {
        this.stores = stores;
        this.partitions = partitions;
    }

    /** The tenant's segments, by id, each with its status. */
    public List<Segment> segments(String tenant) {
        ReadOnlyKeyValueStore<String, byte[]> definitions = stores.definitions();
        String fingerprint = DefinedSegments.fingerprint(definitions, tenant);
        ReadOnlyKeyValueStore<String, byte[]> progress = stores.progress();
        int count = partitions.get();
        List<TenantDefinitions.Listed> listed = TenantDefinitions.of(definitions, tenant);
        return listed.stream()
                .map(segment -> new Segment(
                        segment,
                        SegmentStatus.of(
                                progress,
                                tenant,
                                fingerprint,
                                segment.signatures(),
                                freshSignatures(segment, listed),
                                count)))
                .toList();
    }

    /** The segment's event-condition signatures that no other segment of the tenant counts. */
    private static java.util.Set<String> freshSignatures(
            TenantDefinitions.Listed segment, List<TenantDefinitions.Listed> all) {
        java.util.Set<String> fresh = new java.util.HashSet<>(segment.signatures());
        all.stream()
                .filter(other -> !other.id().equals(segment.id()))
                .forEach(other -> fresh.removeAll(other.signatures()));
        return fresh;
    }

    /** A rule's size over the tenant's customers in the tasks this instance runs, as of {@code now}. */
    public StateQueries.Preview preview(String tenant, SegmentDefinition draft, Instant now, int sampleSize) {
        return StateQueries.preview(stores.customers(), tenant, draft, cuts(tenant), now, sampleSize);
    }

    /** What insights count over the tenant's customers in the tasks this instance runs, as of {@code now}. */
    public StateQueries.InsightsTally insights(String tenant, String segmentId, Instant now) {
        return StateQueries.tally(stores.customers(), tenant, segmentId, cuts(tenant), now);
    }

    private io.mosaic.segmentation.behavior.RfmCuts cuts(String tenant) {
        return DefinedSegments.mergedCuts(stores.rfmHistograms(), tenant);
    }
}
