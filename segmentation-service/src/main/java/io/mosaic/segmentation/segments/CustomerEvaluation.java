package io.mosaic.segmentation.segments;

import io.mosaic.segmentation.behavior.BehaviorSummary;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.behavior.Stamped;
import io.mosaic.segmentation.behavior.Summaries;
import io.mosaic.segmentation.rules.CustomerView;
import io.mosaic.segmentation.rules.Metrics;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** One customer as rules see them at one instant, and the segments they belong to once re-evaluated. */
public final class CustomerEvaluation implements CustomerView {
    private final CustomerAggregate aggregate;
    private final Instant now;
    private final BehaviorSummary summary;
    private final Set<String> memberships;

    public CustomerEvaluation(CustomerAggregate aggregate, Instant now, RfmScale scale, Set<String> memberships) {
        this.aggregate = aggregate;
        this.now = now;
        this.summary = Summaries.of(aggregate, now, scale);
        this.memberships = new TreeSet<>(memberships);
    }

    /** Re-evaluates the given segments (in catalog order) and answers the memberships after them. */
    public Set<String> evaluate(Collection<SegmentDefinition> segments) {
        for (SegmentDefinition segment : segments) {
            if (segment.rule().matches(this)) {
                memberships.add(segment.id());
            } else {
                memberships.remove(segment.id());
            }
        }
        return Set.copyOf(memberships);
    }

    public BehaviorSummary summary() {
        return summary;
    }

    @Override
    public Object trait(String path) {
        Stamped<Object> value = aggregate.traits.get(path);
        return value == null ? null : value.value();
    }

    @Override
    public Object metric(String path) {
        return Metrics.valueOf(summary, now, path); // only the metrics the rules name are worked out
    }

    @Override
    public Counter events(String signature, int windowDays) {
        return aggregate.conditionTotal(signature, now, windowDays);
    }

    @Override
    public boolean inSegment(String segmentId) {
        return memberships.contains(segmentId);
    }
}
