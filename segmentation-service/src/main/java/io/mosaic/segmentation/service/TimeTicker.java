package io.mosaic.segmentation.service;

import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Moves memberships as time passes without events: customers whose next check is due are re-evaluated against
 * the time-dependent segments ({@code new-customers} 30 days after first being seen, windows sliding).
 */
@ApplicationScoped
public class TimeTicker {
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(TimeTicker.class);
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private final CustomerStore customers;
    private final SegmentStore segments;
    private final TenantCatalogs catalogs;
    private final CustomerCommitter committer;
    private final Clock clock;

    public TimeTicker(
            CustomerStore customers,
            SegmentStore segments,
            TenantCatalogs catalogs,
            CustomerCommitter committer,
            Clock clock) {
        this.customers = customers;
        this.segments = segments;
        this.catalogs = catalogs;
        this.committer = committer;
        this.clock = clock;
    }

    @Scheduled(
            every = "${mosaic.segmentation.time-check-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        List<Map.Entry<String, String>> due;
        do {
            due = customers.due(now, PAGE);
            due.stream()
                    .collect(Collectors.groupingBy(
                            Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                    .forEach((tenant, ids) -> reevaluateOrPostpone(tenant, ids, now));
        } while (due.size() == PAGE);
    }

    /**
     * One tenant's failure stays that tenant's: its customers are checked again after {@link #RETRY_AFTER}, so
     * they neither stop this tick nor come first in every later one, ahead of every other tenant's.
     */
    private void reevaluateOrPostpone(String tenant, List<String> ids, Instant now) {
        try {
            QuarkusTransaction.requiringNew().run(() -> reevaluate(tenant, ids, now));
        } catch (RuntimeException e) {
            LOG.errorf(
                    "Time check of %d customers of tenant %s failed (%s); retried in %s",
                    ids.size(), tenant, e.getClass().getSimpleName(), RETRY_AFTER);
            QuarkusTransaction.requiringNew().run(() -> customers.postpone(tenant, ids, now.plus(RETRY_AFTER)));
        }
    }

    int reevaluate(String tenant, List<String> ids, Instant now) {
        TenantContext context = new TenantContext(tenant, catalogs.of(tenant), segments.rfmScale(tenant), now);
        return committer.reevaluate(context, ids, context.catalog().timeDependent(), "time");
    }
}
