package io.mosaic.segmentation.service;

import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.ReplayStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Evaluates a new or changed segment over the tenant's existing customers in the background, a page per
 * transaction, with progress on the segment; live events keep flowing meanwhile (both lock the customers they
 * change, so neither overwrites the other).
 */
@ApplicationScoped
public class Backfiller {
    private static final Logger LOG = Logger.getLogger(Backfiller.class);
    private static final int PAGE = 500;

    private final CustomerStore customers;
    private final SegmentStore segments;
    private final TenantCatalogs catalogs;
    private final CustomerCommitter committer;
    private final ReplayStore replays;
    private final ConditionReplay conditionReplay;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-backfill");
        thread.setDaemon(true);
        return thread;
    });

    public Backfiller(
            CustomerStore customers,
            SegmentStore segments,
            TenantCatalogs catalogs,
            CustomerCommitter committer,
            ReplayStore replays,
            ConditionReplay conditionReplay,
            Clock clock) {
        this.customers = customers;
        this.segments = segments;
        this.catalogs = catalogs;
        this.committer = committer;
        this.replays = replays;
        this.conditionReplay = conditionReplay;
        this.clock = clock;
    }

    public void start(String tenant, String segmentId) {
        executor.execute(() -> {
            try {
                run(tenant, segmentId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Backfill of segment %s/%s failed; it stays in status failed", tenant, segmentId);
                segments.fail(
                        tenant,
                        segmentId,
                        "the backfill failed: " + e.getClass().getSimpleName());
            }
        });
    }

    private void run(String tenant, String segmentId) {
        Optional<ReplayStore.Replay> replay = replays.find(tenant, segmentId);
        if (replay.isPresent()) {
            SegmentDefinition segment =
                    segments.find(tenant, segmentId).orElseThrow().definition();
            conditionReplay.run(tenant, segment, replay.get());
            QuarkusTransaction.requiringNew().run(() -> {
                replays.finish(tenant, segmentId);
                segments.progress(tenant, segmentId, 0, 0, SegmentStore.BACKFILLING);
                segments.bumpCatalogVersion(tenant); // consumers start evaluating the segment
            });
        }
        catalogs.invalidate(tenant);
        long total = customers.count(tenant);
        long done = 0;
        String after = "";
        segments.progress(tenant, segmentId, total, 0, SegmentStore.BACKFILLING);
        while (true) {
            List<String> page = customers.idsAfter(tenant, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            QuarkusTransaction.requiringNew().run(() -> evaluatePage(tenant, segmentId, page));
            done += page.size();
            after = page.get(page.size() - 1);
            segments.progress(tenant, segmentId, Math.max(total, done), done, SegmentStore.BACKFILLING);
        }
        segments.progress(tenant, segmentId, done, done, SegmentStore.ACTIVE);
        LOG.infof("Backfilled segment %s/%s over %d customers", tenant, segmentId, done);
    }

    private void evaluatePage(String tenant, String segmentId, List<String> ids) {
        TenantContext context =
                new TenantContext(tenant, catalogs.of(tenant), segments.rfmScale(tenant), clock.instant());
        committer.reevaluate(context, ids, withDependents(context, segmentId), "backfill");
    }

    /** The segment and every segment that references it, directly or not. */
    private static List<SegmentDefinition> withDependents(TenantContext context, String segmentId) {
        Set<String> affected = new HashSet<>(Set.of(segmentId));
        for (SegmentDefinition segment : context.catalog().all()) {
            if (Rule.referencedSegments(segment.rule()).stream().anyMatch(affected::contains)) {
                affected.add(segment.id());
            }
        }
        return context.catalog().all().stream()
                .filter(s -> affected.contains(s.id()))
                .toList();
    }

    /** Resumes the backfills a stop interrupted; a replay resumes after the last customer it applied. */
    void resume(@Observes StartupEvent event) {
        for (String tenant : segments.tenants()) {
            segments.list(tenant).stream()
                    .filter(s -> !s.status().equals(SegmentStore.ACTIVE)
                            && s.definition().failure() == null)
                    .forEach(s -> start(tenant, s.definition().id()));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
