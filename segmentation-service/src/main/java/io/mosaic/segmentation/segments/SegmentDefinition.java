package io.mosaic.segmentation.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.rules.RuleParser;
import java.util.stream.Collectors;

/** A segment as users define it, with its rule compiled once. */
public record SegmentDefinition(String id, String name, String description, JsonNode ruleJson, Rule rule) {

    /** Compiles a rule that must be valid (the built-in segments'). */
    public static SegmentDefinition of(String id, String name, String description, JsonNode ruleJson) {
        SegmentDefinition segment = stored(id, name, description, ruleJson);
        if (segment.failure() != null) {
            throw new IllegalStateException("segment " + id + " has an invalid rule: " + segment.failure());
        }
        return segment;
    }

    /**
     * Compiles a stored rule. One that no longer compiles becomes {@link Rule.Unusable}: its segment is skipped and
     * shown as failed, and nothing else of the tenant or the service stops because of it.
     */
    public static SegmentDefinition stored(String id, String name, String description, JsonNode ruleJson) {
        if (ruleJson == null) {
            return new SegmentDefinition(id, name, description, null, new Rule.Unusable("the stored rule is not JSON"));
        }
        RuleParser.Result parsed = RuleParser.parse(ruleJson);
        Rule rule = parsed.valid()
                ? parsed.rule()
                : new Rule.Unusable("the stored rule is no longer valid: "
                        + parsed.errors().stream()
                                .map(error -> error.field() + " " + error.message())
                                .limit(5)
                                .collect(Collectors.joining("; ")));
        return new SegmentDefinition(id, name, description, ruleJson, rule);
    }

    /** Why the rule cannot be evaluated, or null. */
    public String failure() {
        return rule instanceof Rule.Unusable unusable ? unusable.reason() : null;
    }
}
