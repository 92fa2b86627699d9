package io.mosaic.segmentation.readmodel;

import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import java.io.IOException;

/** A record of {@code mosaic.segment-changes} read back, for the consumers of this service that follow the topic. */
public final class SegmentChanges {
    private SegmentChanges() {}

    /** The change, or null when the value is none (the topology writes none such, so nothing is lost). */
    public static SegmentChange read(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            SegmentChange change = EventJson.mapper().readValue(value, SegmentChange.class);
            boolean complete = change.tenant() != null
                    && change.customerId() != null
                    && change.segmentId() != null
                    && change.change() != null
                    && change.at() != null;
            return complete ? change : null;
        } catch (IOException e) {
            return null;
        }
    }
}
