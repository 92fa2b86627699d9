package io.mosaic.segmentation.service;

import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Moves memberships as time passes without events: customers whose next check is due are re-evaluated against
 * the time-dependent segments ({@code new-customers} 30 days after first being seen, windows sliding).
 */
@ApplicationScoped
public class TimeTicker {
    private static final int PAGE = 500;

    private final CustomerStore customers;
    private final MembershipStore memberships;
    private final SegmentStore segments;
    private final TenantCatalogs catalogs;
    private final CustomerCommitter committer;
    private final Clock clock;

    public TimeTicker(
            CustomerStore customers,
            MembershipStore memberships,
            SegmentStore segments,
            TenantCatalogs catalogs,
            CustomerCommitter committer,
            Clock clock) {
        this.customers = customers;
        this.memberships = memberships;
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
                    .forEach(
                            (tenant, ids) -> QuarkusTransaction.requiringNew().run(() -> reevaluate(tenant, ids, now)));
        } while (due.size() == PAGE);
    }

    /** Re-evaluates the given customers' time-dependent segments (and those that the caller names). */
    int reevaluate(String tenant, List<String> ids, Instant now) {
        TenantContext context = new TenantContext(tenant, catalogs.of(tenant), segments.rfmScale(tenant), now);
        var aggregates = customers.lock(tenant, ids);
        var current = memberships.of(tenant, aggregates.keySet());
        List<WorkingCustomer> working = aggregates.entrySet().stream()
                .map(entry -> {
                    WorkingCustomer customer =
                            new WorkingCustomer(entry.getKey(), entry.getValue(), current.get(entry.getKey()));
                    customer.alsoEvaluate = context.catalog().timeDependent();
                    customer.cause = "time";
                    customer.behaviorChanged = true; // windows slid: the published summary moves too
                    return customer;
                })
                .toList();
        return committer.commit(context, working).size();
    }
}
