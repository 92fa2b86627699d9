package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.segments.BuiltInSegments;
import io.mosaic.segmentation.segments.SegmentCatalog;

/** Where the topology learns a tenant's segments and RFM scale. */
public interface TenantSegments {
    SegmentCatalog catalog(String tenant);

    RfmScale rfmScale(String tenant);

    /** Every tenant has the built-in segments and no RFM scale yet. */
    TenantSegments BUILT_IN = new TenantSegments() {
        private final SegmentCatalog builtIn = SegmentCatalog.of(BuiltInSegments.ALL);

        @Override
        public SegmentCatalog catalog(String tenant) {
            return builtIn;
        }

        @Override
        public RfmScale rfmScale(String tenant) {
            return RfmScale.NONE;
        }
    };
}
