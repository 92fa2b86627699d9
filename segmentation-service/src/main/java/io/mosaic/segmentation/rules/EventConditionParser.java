package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.mosaic.events.EventType;
import io.mosaic.events.FieldError;
import io.mosaic.events.NumberBounds;
import io.mosaic.events.WireNames;
import io.mosaic.segmentation.behavior.CustomerAggregate;
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
 * Reads an event condition: {@code {"event": type, "where": {...}, "within": "30d", "count": {"gte": 3}}} or, with
 * {@code "sum": "amount"}, comparisons beside the sum. At most {@link #MAX_WHERE} filters; windows of 1 to
 * {@link #MAX_WINDOW_DAYS} days.
 */
final class EventConditionParser extends ParserSupport {
    /** Windows are whole days: behavior is kept in day buckets, for at most this long. */
    static final int MAX_WINDOW_DAYS = 365;

    static final int MAX_WHERE = 10;

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,3})d");
    private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    EventConditionParser(List<FieldError> errors) {
        super(errors);
    }

    Rule event(JsonNode node, String path) {
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
            if (!node.get("sum").isTextual()
                    || sumPath.length() > MAX_PATH_LENGTH
                    || !PROPERTY_PATH.matcher(sumPath).matches()) {
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
            } else if (NumberBounds.of(node.get(name)).isEmpty()) {
                fail(path + "." + name, NumberBounds.RULE);
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
        if (!within.isTextual() || within.textValue().length() > 5 || !matcher.matches()) {
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
        if (!where.isObject() || where.size() > MAX_WHERE) {
            fail(path, "must be an object of at most " + MAX_WHERE + " property paths to values");
            return filters;
        }
        where.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (key.length() > MAX_PATH_LENGTH || !PROPERTY_PATH.matcher(key).matches()) {
                fail(path + "." + abbreviated(key), "must be a property path such as promotion.kind");
                return;
            }
            int faults = errors.size();
            value(entry.getValue(), path + "." + key);
            if (errors.size() == faults) {
                filters.put(key, entry.getValue());
            }
        });
        return filters;
    }
}
