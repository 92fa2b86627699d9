package io.mosaic.events.properties;

import java.util.Map;

/** {@code promotion.responded}. */
public record PromotionResponded(String campaignId, Response response, Map<String, Object> custom)
        implements EventProperties {

    public enum Response {
        OPENED,
        CLICKED,
        REDEEMED
    }
}
