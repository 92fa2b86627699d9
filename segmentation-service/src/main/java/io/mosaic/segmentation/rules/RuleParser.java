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
 * Reads a rule (docs/API.md, Segments) into a {@link Rule}, naming every fault with its path in the rule
 * ({@code rule.all[1].op}). Segment references are only checked for form here; their existence and cycles are
 * the catalog's to check. Every rule is bounded: at most {@link #MAX_DEPTH} levels and {@link #MAX_CONDITIONS}
 * conditions, values as {@link ParserSupport#value} allows, so whatever is accepted can be stored, read back and
 * evaluated in bounded time.
 */
public final class RuleParser extends ParserSupport {
    public static final int MAX_DEPTH = 16;
    public static final int MAX_CONDITIONS = 100;
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

    private int conditions;

    private Rule condition(JsonNode node, String path, int depth) {
        if (node == null || !node.isObject()) {
            return fail(path, "must be a condition object");
        }
        if (depth > MAX_DEPTH) {
            return fail(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        if (++conditions > MAX_CONDITIONS) {
            return fail(path, "is one condition too many: a rule has at most " + MAX_CONDITIONS);
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
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_CONDITIONS) {
            fail(path + "." + key, "must be an array of 1 to " + MAX_CONDITIONS + " conditions");
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
        if (!node.get("trait").isTextual() || trait.length() > MAX_PATH_LENGTH || !TraitPaths.isKnown(trait)) {
            fail(
                    path + ".trait",
                    "unknown trait '" + abbreviated(trait)
                            + "'; use demographic.*, geographic.*, psychographic.* or custom.*");
        }
        return new Rule.TraitCondition(trait, comparison(node, path, null));
    }

    private Rule metric(JsonNode node, String path) {
        only(node, path, Set.of("metric", "op", "value"));
        String metric = node.get("metric").asText();
        if (!node.get("metric").isTextual() || !Metrics.isKnown(metric)) {
            fail(
                    path + ".metric",
                    "unknown metric '" + abbreviated(metric) + "'; e.g. rfm.score, purchases.last90d.count, churnRisk");
            return new Rule.MetricCondition(metric, comparison(node, path, null));
        }
        return new Rule.MetricCondition(metric, comparison(node, path, Metrics.isNumeric(metric)));
    }

    /** {@code numeric}: whether the compared value is a number (true), a word (false) or either (null). */
    private Comparison comparison(JsonNode node, String path, Boolean numeric) {
        Optional<Op> op =
                node.hasNonNull("op") ? WireNames.parse(Op.class, node.get("op").asText()) : Optional.empty();
        if (op.isEmpty()) {
            fail(path + ".op", "must be one of: " + WireNames.allowed(Op.class));
            return null;
        }
        if (numeric != null && numeric && op.get() == Op.CONTAINS) {
            fail(path + ".op", "contains compares words; this metric is a number");
            return null;
        }
        if (numeric != null && !numeric && op.get().numeric()) {
            fail(path + ".op", WireNames.of(op.get()) + " compares numbers; this metric is a word");
            return null;
        }
        int faults = errors.size();
        Comparison comparison = operand(op.get(), node.get("value"), path + ".value");
        if (errors.size() == faults && numeric != null && op.get() != Op.EXISTS) {
            requireKind(comparison.operand(), numeric, path + ".value");
        }
        return comparison;
    }

    private void requireKind(JsonNode operand, boolean numeric, String path) {
        if (operand.isArray()) {
            for (int i = 0; i < operand.size(); i++) {
                requireKind(operand.get(i), numeric, path + "[" + i + "]");
            }
        } else if (numeric != operand.isNumber()) {
            fail(
                    path,
                    numeric ? "must be a number: this metric is a number" : "must be a string: this metric is a word");
        }
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
        } else if (op.takesList() && (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST_VALUES)) {
            fail(path, "must be an array of 1 to " + MAX_LIST_VALUES + " values for " + WireNames.of(op));
        } else if (op.takesList()) {
            for (int i = 0; i < value.size(); i++) {
                value(value.get(i), path + "[" + i + "]");
            }
        } else {
            value(value, path);
        }
        return new Comparison(op, value);
    }

    private Rule segment(JsonNode node, String path) {
        only(node, path, Set.of("segment"));
        String id = node.get("segment").asText();
        if (!node.get("segment").isTextual() || !SegmentIds.isValid(id)) {
            fail(path + ".segment", "must be a segment id");
        }
        return new Rule.SegmentReference(id);
    }
}
