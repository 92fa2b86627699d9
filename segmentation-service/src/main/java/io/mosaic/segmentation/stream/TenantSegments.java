package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.segments.SegmentCatalog;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/** Where the topology learns a tenant's segments and RFM scale. */
public interface TenantSegments {
    SegmentCatalog catalog(String tenant);

    RfmScale rfmScale(String tenant);

    /** Opens the tenant segments a processor uses, from its context's stores. */
    interface Source {
        TenantSegments open(ProcessorContext<?, ?> context);
    }
}
