package io.mosaic.segmentation.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.mosaic.events.EventJson;
import io.mosaic.events.InstantText;
import io.mosaic.events.SegmentChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** The values segmentation publishes, keyed by tenant and customer: one format whatever path decided them. */
public final class OutputPayloads {
    private OutputPayloads() {}

    /** A {@link SegmentChange} on {@code mosaic.segment-changes}. */
    public static byte[] change(SegmentChange change) {
        return jsonBytes(change);
    }

    /**
     * A {@link io.mosaic.events.CustomerBehavior}, as published on the behavior topic, written around the summary's
     * JSON instead of converting the summary again; a null summary makes a tombstone (no behavior any more).
     */
    public static byte[] behavior(String tenant, String customerId, Instant asOf, byte[] summaryJson) {
        if (summaryJson == null) {
            return null;
        }
        byte[] head = ("{\"tenant\":\"" + quoted(tenant) + "\",\"customerId\":\"" + quoted(customerId)
                        + "\",\"asOf\":\"" + InstantText.of(asOf) + "\",\"behavior\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] envelope = Arrays.copyOf(head, head.length + summaryJson.length + 1);
        System.arraycopy(summaryJson, 0, envelope, head.length, summaryJson.length);
        envelope[envelope.length - 1] = '}';
        return envelope;
    }

    /** A value as JSON in UTF-8. */
    public static byte[] jsonBytes(Object value) {
        try {
            return EventJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    public static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
