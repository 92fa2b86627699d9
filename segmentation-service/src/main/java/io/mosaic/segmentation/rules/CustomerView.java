package io.mosaic.segmentation.rules;

import io.mosaic.segmentation.behavior.Counter;

/** What a rule can ask about one customer at the instant of evaluation. */
public interface CustomerView {
    /** A trait by dotted path, or null. */
    Object trait(String path);

    /** A behavior metric by dotted path (Metrics), or null. */
    Object metric(String path);

    Counter events(String signature, int windowDays);

    boolean inSegment(String segmentId);
}
