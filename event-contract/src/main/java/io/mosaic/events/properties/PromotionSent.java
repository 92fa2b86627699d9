package io.mosaic.events.properties;

import java.util.Map;

/** {@code promotion.sent}. */
public record PromotionSent(String campaignId, PromotionKind kind, Map<String, Object> custom)
        implements EventProperties {}
