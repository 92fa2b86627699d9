package io.mosaic.segmentation.rules;

import io.mosaic.events.EventType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A compiled segment rule: a condition tree over one customer (docs/API.md, Segments). */
public sealed interface Rule {

    boolean matches(CustomerView customer);

    /** Visits this rule and every rule inside it. */
    default void walk(Consumer<Rule> visitor) {
        visitor.accept(this);
    }

    record All(List<Rule> rules) implements Rule {
        public boolean matches(CustomerView customer) {
            return rules.stream().allMatch(rule -> rule.matches(customer));
        }

        public void walk(Consumer<Rule> visitor) {
            visitor.accept(this);
            rules.forEach(rule -> rule.walk(visitor));
        }
    }

    record Any(List<Rule> rules) implements Rule {
        public boolean matches(CustomerView customer) {
            return rules.stream().anyMatch(rule -> rule.matches(customer));
        }

        public void walk(Consumer<Rule> visitor) {
            visitor.accept(this);
            rules.forEach(rule -> rule.walk(visitor));
        }
    }

    record Not(Rule rule) implements Rule {
        public boolean matches(CustomerView customer) {
            return !rule.matches(customer);
        }

        public void walk(Consumer<Rule> visitor) {
            visitor.accept(this);
            rule.walk(visitor);
        }
    }

    record TraitCondition(String path, Comparison comparison) implements Rule {
        public boolean matches(CustomerView customer) {
            return comparison.test(customer.trait(path));
        }
    }

    record MetricCondition(String path, Comparison comparison) implements Rule {
        public boolean matches(CustomerView customer) {
            return comparison.test(customer.metric(path));
        }
    }

    /** Events of a type (filtered by {@code where}) within a window: their count, or the sum of a property. */
    record EventCondition(EventFilter filter, int windowDays, boolean sum, List<Comparison> comparisons)
            implements Rule {
        public boolean matches(CustomerView customer) {
            var counter = customer.events(filter.signature(), windowDays);
            Object value = sum ? counter.sum() : (Object) counter.count();
            return comparisons.stream().allMatch(comparison -> comparison.test(value));
        }
    }

    /**
     * A stored rule that cannot be compiled (saved by an older version, or edited by hand): it matches nobody and
     * changes nothing, and its segment is shown as failed with {@code reason}.
     */
    record Unusable(String reason) implements Rule {
        public boolean matches(CustomerView customer) {
            return false;
        }
    }

    record SegmentReference(String segmentId) implements Rule {
        public boolean matches(CustomerView customer) {
            return customer.inSegment(segmentId);
        }
    }

    /** The event types whose arrival can change what a rule answers; used to evaluate only what can change. */
    static Set<EventType> affectedBy(Rule rule) {
        Set<EventType> types = new java.util.HashSet<>();
        rule.walk(node -> {
            if (node instanceof TraitCondition) {
                types.add(EventType.CUSTOMER_IDENTIFIED);
                types.add(EventType.SURVEY_ANSWERED);
            } else if (node instanceof MetricCondition metric) {
                types.addAll(Metrics.affectedBy(metric.path()));
            } else if (node instanceof EventCondition event) {
                types.add(event.filter().type());
            }
        });
        return types;
    }

    static Set<String> referencedSegments(Rule rule) {
        Set<String> ids = new java.util.TreeSet<>();
        rule.walk(node -> {
            if (node instanceof SegmentReference reference) {
                ids.add(reference.segmentId());
            }
        });
        return ids;
    }

    static List<EventFilter> eventFilters(Rule rule) {
        Map<String, EventFilter> filters = new java.util.TreeMap<>();
        rule.walk(node -> {
            if (node instanceof EventCondition event) {
                filters.put(event.filter().signature(), event.filter());
            }
        });
        return List.copyOf(filters.values());
    }

    /** Whether the passing of time alone can change what the rule answers. */
    static boolean timeDependent(Rule rule) {
        boolean[] time = {false};
        rule.walk(node -> {
            if (node instanceof EventCondition
                    || (node instanceof MetricCondition metric && Metrics.timeDependent(metric.path()))) {
                time[0] = true;
            }
        });
        return time[0];
    }
}
