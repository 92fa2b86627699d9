package io.mosaic.segmentation.service;

import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.segments.SegmentCatalog;
import java.time.Instant;

/** What evaluating a tenant's customers needs: its segments, its RFM scale, and the instant of evaluation. */
public record TenantContext(String tenant, SegmentCatalog catalog, RfmScale rfmScale, Instant now) {}
