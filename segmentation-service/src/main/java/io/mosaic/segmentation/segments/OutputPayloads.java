package io.mosaic.segmentation.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The values segmentation publishes, keyed by tenant and customer: one format whatever path decided them. */
public final class OutputPayloads {
    private OutputPayloads() {}

    /** A {@link SegmentChange} on {@code mosaic.segment-changes}. */
    public static byte[] change(SegmentChange change) {
        return json(change).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A {@link io.mosaic.events.CustomerBehavior} on {@code mosaic.customer-behavior}, written around the summary's
     * JSON instead of converting the summary again; a null summary makes a tombstone (no behavior any more).
     */
    public static byte[] behavior(String tenant, String customerId, Instant asOf, String summaryJson) {
        if (summaryJson == null) {
            return null;
        }
        String envelope = "{\"tenant\":" + json(tenant)
                + ",\"customerId\":" + json(customerId)
                + ",\"asOf\":" + json(asOf)
                + ",\"behavior\":" + summaryJson + "}";
        return envelope.getBytes(StandardCharsets.UTF_8);
    }

    public static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
