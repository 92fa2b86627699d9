package io.mosaic.segmentation.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.rules.RuleParser;

/** A segment as users define it, with its rule compiled once. */
public record SegmentDefinition(String id, String name, String description, JsonNode ruleJson, Rule rule) {

    /** Compiles a rule that was validated when it was saved. */
    public static SegmentDefinition of(String id, String name, String description, JsonNode ruleJson) {
        RuleParser.Result parsed = RuleParser.parse(ruleJson);
        if (!parsed.valid()) {
            throw new IllegalStateException("segment " + id + " has an invalid rule: " + parsed.errors());
        }
        return new SegmentDefinition(id, name, description, ruleJson, parsed.rule());
    }
}
