package io.mosaic.segmentation.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/destinations/{id}/deliveries}: what each item holds. */
final class DeliveryView {
    private DeliveryView() {}

    /** One delivery as the log shows it: the stored body read for its type and segment. */
    static Map<String, Object> of(DeliveryStore.Logged logged) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", logged.id());
        item.put("customerId", logged.customerId());
        try {
            JsonNode body = EventJson.mapper().readTree(logged.body());
            item.put("type", body.path("type").asText());
            item.put("segmentId", body.path("segment").path("id").asText());
        } catch (IOException e) {
            item.put("type", null);
        }
        item.put("status", logged.status());
        item.put("attempts", logged.attempts());
        item.put("lastStatus", logged.lastStatus());
        item.put("lastLatencyMs", logged.lastLatencyMs());
        item.put("lastError", logged.lastError());
        item.put("nextAttemptAt", DeliveryStore.PENDING.equals(logged.status()) ? logged.nextAttemptAt() : null);
        item.put("createdAt", logged.createdAt());
        item.put("doneAt", logged.doneAt());
        return item;
    }
}
