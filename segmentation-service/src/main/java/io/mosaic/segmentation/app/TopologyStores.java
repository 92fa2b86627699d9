package io.mosaic.segmentation.app;

import io.mosaic.segmentation.stream.CustomerState;
import io.mosaic.segmentation.stream.SegmentationReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The running topology's stores, for the API: the global stores (every instance has all of them) and the customer
 * store of the tasks this instance runs as active (never a standby's copy, which may lag). While the instance
 * starts, restores or rebalances, a store may not be open: the caller answers 503 and the client tries again.
 */
@ApplicationScoped
public class TopologyStores implements SegmentationReads.Stores {
    /** The topology's stores are not open on this instance right now. */
    public static final class NotReadyException extends RuntimeException {
        NotReadyException(String store, Exception cause) {
            super("the store " + store + " is not open yet", cause);
        }
    }

    private final KafkaStreams streams;

    public TopologyStores(KafkaStreams streams) {
        this.streams = streams;
    }

    @Produces
    @ApplicationScoped
    SegmentationReads reads(SegmentationTopics topics) {
        return new SegmentationReads(this, topics::partitions);
    }

    @Override
    public ReadOnlyKeyValueStore<String, byte[]> definitions() {
        return store(SegmentationReads.DEFINITIONS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, byte[]> progress() {
        return store(SegmentationReads.PROGRESS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, byte[]> rfmHistograms() {
        return store(SegmentationReads.RFM_HISTOGRAMS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, CustomerState> customers() {
        return store(SegmentationReads.CUSTOMERS);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException(name, e);
        }
    }
}
