package io.mosaic.segmentation.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mosaic.events.EventJson;
import java.util.List;

/** The segments every tenant has from its first event on (docs/API.md); editable like any other. */
public final class BuiltInSegments {
    public static final List<SegmentDefinition> ALL = List.of(
            of(
                    "vip",
                    "VIP",
                    "RFM score of 13 or more (R, F and M 1-5 each, from the tenant's own quintiles)",
                    "{'metric': 'rfm.score', 'op': 'gte', 'value': 13}"),
            of(
                    "at-risk",
                    "At risk",
                    "Buyers whose days since the last purchase exceed three times their usual gap, and at least 60",
                    "{'metric': 'churnRisk', 'op': 'eq', 'value': 'high'}"),
            of(
                    "flash-sale-hunters",
                    "Flash-sale hunters",
                    "At least 3 purchases with a flash_sale promotion in the last 90 days",
                    "{'metric': 'flashSalePurchases90d', 'op': 'gte', 'value': 3}"),
            of(
                    "promotion-responders",
                    "Promotion responders",
                    "At least one promotion.responded in the last 90 days",
                    "{'event': 'promotion.responded', 'within': '90d', 'count': {'gte': 1}}"),
            of(
                    "detractors",
                    "Detractors",
                    "Last NPS 0-6, or CSAT average below 3",
                    "{'any': [{'metric': 'nps.last', 'op': 'lte', 'value': 6}, {'metric': 'csat.average', 'op': 'lt', 'value': 3}]}"),
            of(
                    "new-customers",
                    "New customers",
                    "First seen within the last 30 days",
                    "{'metric': 'daysSinceFirstSeen', 'op': 'lt', 'value': 30}"),
            of(
                    "dormant",
                    "Dormant",
                    "No event of any kind in the last 180 days",
                    "{'metric': 'daysSinceLastSeen', 'op': 'gte', 'value': 180}"));

    private BuiltInSegments() {}

    private static SegmentDefinition of(String id, String name, String description, String rule) {
        try {
            return SegmentDefinition.of(
                    id, name, description, EventJson.mapper().readTree(rule.replace('\'', '"')));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
