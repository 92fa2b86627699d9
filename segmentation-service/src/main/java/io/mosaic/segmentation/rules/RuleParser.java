package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.mosaic.events.FieldError;
import io.mosaic.events.WireNames;
import io.mosaic.segmentation.behavior.TraitPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a rule (API.md, Segments) into a {@link Rule}, naming every fault with its path in the rule
 * ({@code rule.all[1].op}). Segment references are only checked for form here; their existence and cycles are
 * the catalog's to check.
 */
public final class RuleParser extends ParserSupport {
    private static final int MAX_DEPTH = 16;
    private static final Set<String> CONDITION_KEYS =
            Set.of("all", "any", "not", "trait", "metric", "event", "segment");

    public record Result(Rule rule, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private RuleParser() {
        super(new ArrayList<>());
    }

    public static Result parse(JsonNode rule) {
        RuleParser parser = new RuleParser();
        Rule parsed = parser.condition(rule, "rule", 0);
        return new Result(parser.errors.isEmpty() ? parsed : null, List.copyOf(parser.errors));
    }

    private Rule condition(JsonNode node, String path, int depth) {
        if (node == null || !node.isObject()) {
            return fail(path, "must be a condition object");
        }
        if (depth > MAX_DEPTH) {
            return fail(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        List<String> kinds = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (CONDITION_KEYS.contains(name)) {
                kinds.add(name);
            }
        });
        if (kinds.size() != 1) {
            return fail(path, "must have exactly one of: all, any, not, trait, metric, event, segment");
        }
        return switch (kinds.get(0)) {
            case "all" -> new Rule.All(children(node, path, "all", depth));
            case "any" -> new Rule.Any(children(node, path, "any", depth));
            case "not" -> {
                only(node, path, Set.of("not"));
                yield new Rule.Not(condition(node.get("not"), path + ".not", depth + 1));
            }
            case "trait" -> trait(node, path);
            case "metric" -> metric(node, path);
            case "event" -> new EventConditionParser(errors).event(node, path);
            default -> segment(node, path);
        };
    }

    private List<Rule> children(JsonNode node, String path, String key, int depth) {
        only(node, path, Set.of(key));
        JsonNode list = node.get(key);
        if (!list.isArray() || list.isEmpty()) {
            fail(path + "." + key, "must be a non-empty array of conditions");
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(condition(list.get(i), path + "." + key + "[" + i + "]", depth + 1));
        }
        return rules;
    }

    private Rule trait(JsonNode node, String path) {
        only(node, path, Set.of("trait", "op", "value"));
        String trait = node.get("trait").asText();
        if (!TraitPaths.isKnown(trait)) {
            fail(
                    path + ".trait",
                    "unknown trait '" + trait + "'; use demographic.*, geographic.*, psychographic.* or custom.*");
        }
        return new Rule.TraitCondition(trait, comparison(node, path));
    }

    private Rule metric(JsonNode node, String path) {
        only(node, path, Set.of("metric", "op", "value"));
        String metric = node.get("metric").asText();
        if (!Metrics.isKnown(metric)) {
            fail(
                    path + ".metric",
                    "unknown metric '" + metric + "'; e.g. rfm.score, purchases.last90d.count, churnRisk");
        }
        return new Rule.MetricCondition(metric, comparison(node, path));
    }

    private Comparison comparison(JsonNode node, String path) {
        Optional<Op> op =
                node.hasNonNull("op") ? WireNames.parse(Op.class, node.get("op").asText()) : Optional.empty();
        if (op.isEmpty()) {
            fail(path + ".op", "must be one of: " + WireNames.allowed(Op.class));
            return null;
        }
        return operand(op.get(), node.get("value"), path + ".value");
    }

    private Comparison operand(Op op, JsonNode value, String path) {
        if (op == Op.EXISTS) {
            if (value != null && !value.isBoolean()) {
                fail(path, "must be true or false for exists");
            }
            return new Comparison(op, value == null ? BooleanNode.TRUE : value);
        }
        if (value == null || value.isNull()) {
            fail(path, "is required for " + WireNames.of(op));
        } else if (op.numeric() && !value.isNumber()) {
            fail(path, "must be a number for " + WireNames.of(op));
        } else if (op.takesList() && (!value.isArray() || value.isEmpty() || !allScalar(value))) {
            fail(path, "must be a non-empty array of values for " + WireNames.of(op));
        } else if (!op.takesList() && !value.isValueNode()) {
            fail(path, "must be a string, number or boolean");
        }
        return new Comparison(op, value);
    }

    private Rule segment(JsonNode node, String path) {
        only(node, path, Set.of("segment"));
        String id = node.get("segment").asText();
        if (!SegmentIds.isValid(id)) {
            fail(path + ".segment", "must be a segment id");
        }
        return new Rule.SegmentReference(id);
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isValueNode() || value.isNull()) {
                return false;
            }
        }
        return true;
    }
}
