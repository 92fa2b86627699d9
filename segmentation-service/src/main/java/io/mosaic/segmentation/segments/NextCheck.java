package io.mosaic.segmentation.segments;

import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.rules.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When time alone may next change one of a customer's memberships: the exact instant a {@code daysSince...}
 * threshold is crossed, or the next UTC midnight while day-bucketed windows of the customer still hold data.
 */
public final class NextCheck {
    private static final int LONGEST_WINDOW_DAYS = 366;

    private NextCheck() {}

    public static Instant of(CustomerAggregate aggregate, SegmentCatalog catalog, Instant now) {
        List<SegmentDefinition> timeDependent = catalog.timeDependent();
        if (timeDependent.isEmpty() || aggregate.firstSeenAt == null) {
            return null;
        }
        List<Instant> candidates = new ArrayList<>();
        long today = CustomerAggregate.epochDay(now);
        if (!aggregate.days.isEmpty() && aggregate.days.lastKey() > today - LONGEST_WINDOW_DAYS) {
            candidates.add(LocalDate.ofEpochDay(today + 1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        for (SegmentDefinition segment : timeDependent) {
            segment.rule().walk(node -> {
                if (node instanceof Rule.MetricCondition metric
                        && metric.comparison().operand().isNumber()) {
                    Instant base = switch (metric.path()) {
                        case "daysSinceFirstSeen" -> aggregate.firstSeenAt;
                        case "daysSinceLastSeen" -> aggregate.lastSeenAt;
                        default -> null;
                    };
                    if (base != null) {
                        Instant crossing =
                                base.plus(days(metric.comparison().operand().decimalValue()));
                        if (crossing.isAfter(now)) {
                            candidates.add(crossing);
                        }
                    }
                }
            });
        }
        return candidates.stream().min(Comparator.naturalOrder()).orElse(null);
    }

    private static Duration days(BigDecimal days) {
        return Duration.ofMillis(
                days.multiply(BigDecimal.valueOf(Duration.ofDays(1).toMillis())).longValue());
    }
}
