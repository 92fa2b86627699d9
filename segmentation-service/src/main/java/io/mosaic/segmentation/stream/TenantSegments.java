package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.RfmCuts;
import io.mosaic.segmentation.segments.SegmentCatalog;
import java.util.Set;

/** Where the topology learns a tenant's segments and RFM cuts. */
public interface TenantSegments {
    SegmentCatalog catalog(String tenant);

    /** The cuts of the tenant's buyers on every partition, merged. */
    RfmCuts rfmCuts(String tenant);

    /** Changes whenever the tenant's segment definitions do, and only then, across restarts too. */
    String catalogFingerprint(String tenant);

    /** Every tenant that has a definition or buyers' histograms. */
    Set<String> tenants();
}
