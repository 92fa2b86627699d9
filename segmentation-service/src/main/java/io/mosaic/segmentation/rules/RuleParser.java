package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.mosaic.events.EventType;
import io.mosaic.events.FieldError;
import io.mosaic.events.WireNames;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.TraitPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rule (API.md, Segments) into a {@link Rule}, naming every fault with its path in the rule
 * ({@code rule.all[1].op}). Segment references are only checked for form here; their existence and cycles are
 * the catalog's to check.
 */
public final class RuleParser {
    /** Windows are whole days: behavior is kept in day buckets, for at most this long. */
    public static final int MAX_WINDOW_DAYS = 365;

    private static final int MAX_DEPTH = 16;
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,3})d");
    private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final Set<String> CONDITION_KEYS =
            Set.of("all", "any", "not", "trait", "metric", "event", "segment");

    public record Result(Rule rule, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final List<FieldError> errors = new ArrayList<>();

    private RuleParser() {}

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
            case "event" -> event(node, path);
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

    private Rule event(JsonNode node, String path) {
        only(node, path, Set.of("event", "where", "within", "count", "sum", "gt", "gte", "lt", "lte", "eq", "neq"));
        Optional<EventType> type =
                WireNames.parse(EventType.class, node.get("event").asText());
        if (type.isEmpty()
                || type.get().platformOnly()
                || type.get() == EventType.CUSTOMER_MERGED
                || type.get() == EventType.CONSENT_UPDATED) {
            fail(path + ".event", "must be an interaction event type, e.g. purchase.completed");
        }
        int window = window(node.get("within"), path + ".within");
        Map<String, JsonNode> where = where(node.get("where"), path + ".where");
        String sumPath = null;
        List<Comparison> comparisons;
        if (node.has("sum")) {
            sumPath = node.get("sum").asText();
            if (!PROPERTY_PATH.matcher(sumPath).matches()) {
                fail(path + ".sum", "must be a property path such as amount");
            }
            if (node.has("count")) {
                fail(path + ".count", "use either count or sum, not both");
            }
            comparisons = comparisons(node, path, Set.of("event", "where", "within", "sum"));
        } else {
            for (String op : List.of("gt", "gte", "lt", "lte", "eq", "neq")) {
                if (node.has(op)) {
                    fail(path + "." + op, "goes inside count, or beside sum");
                }
            }
            JsonNode count = node.get("count");
            comparisons = count == null
                    ? List.of(new Comparison(Op.GTE, IntNode.valueOf(1)))
                    : comparisons(count, path + ".count", Set.of());
        }
        return new Rule.EventCondition(
                new EventFilter(type.orElse(EventType.MESSAGE_RECEIVED), where, sumPath),
                window,
                sumPath != null,
                comparisons);
    }

    private List<Comparison> comparisons(JsonNode node, String path, Set<String> skip) {
        List<Comparison> comparisons = new ArrayList<>();
        int faultsBefore = errors.size();
        if (!node.isObject()) {
            fail(path, "must be an object such as {\"gte\": 3}");
            return comparisons;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (skip.contains(name)) {
                continue;
            }
            Optional<Op> op = WireNames.parse(Op.class, name);
            if (op.isEmpty() || !(op.get().numeric() || op.get() == Op.EQ || op.get() == Op.NEQ)) {
                fail(path + "." + name, "must be one of: gt, gte, lt, lte, eq, neq");
            } else if (!node.get(name).isNumber()) {
                fail(path + "." + name, "must be a number");
            } else {
                comparisons.add(new Comparison(op.get(), node.get(name)));
            }
        }
        if (comparisons.isEmpty() && errors.size() == faultsBefore) {
            fail(path, "needs a comparison such as {\"gte\": 3}");
        }
        return comparisons;
    }

    private int window(JsonNode within, String path) {
        if (within == null) {
            return MAX_WINDOW_DAYS;
        }
        Matcher matcher = WINDOW.matcher(within.asText());
        if (!within.isTextual() || !matcher.matches()) {
            fail(path, "must be a number of days such as 30d");
            return MAX_WINDOW_DAYS;
        }
        int days = Integer.parseInt(matcher.group(1));
        if (days < 1 || days > MAX_WINDOW_DAYS || days > CustomerAggregate.RETAINED_DAYS) {
            fail(path, "must be from 1d to " + MAX_WINDOW_DAYS + "d");
        }
        return days;
    }

    private Map<String, JsonNode> where(JsonNode where, String path) {
        Map<String, JsonNode> filters = new LinkedHashMap<>();
        if (where == null) {
            return filters;
        }
        if (!where.isObject()) {
            fail(path, "must be an object of property paths to values");
            return filters;
        }
        where.fields().forEachRemaining(entry -> {
            if (!PROPERTY_PATH.matcher(entry.getKey()).matches()) {
                fail(path + "." + entry.getKey(), "must be a property path such as promotion.kind");
            } else if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                fail(path + "." + entry.getKey(), "must be a string, number or boolean");
            } else {
                filters.put(entry.getKey(), entry.getValue());
            }
        });
        return filters;
    }

    private Rule segment(JsonNode node, String path) {
        only(node, path, Set.of("segment"));
        String id = node.get("segment").asText();
        if (!SegmentIds.isValid(id)) {
            fail(path + ".segment", "must be a segment id");
        }
        return new Rule.SegmentReference(id);
    }

    private void only(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                fail(path + "." + name, "is not a field of this condition");
            }
        });
    }

    private Rule fail(String path, String message) {
        errors.add(new FieldError(path, message));
        return null;
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
