package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.behavior.RfmCuts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When a tenant's segment definitions change (cause {@code backfill}) or its RFM cuts move (cause {@code rfm}),
 * every customer of that tenant this task holds is re-evaluated against the whole catalog (for {@code rfm}, every
 * buyer: nobody else has a score), at most {@code maxPerTick} customers per wall-clock tick, so a backfill never
 * holds up the partition's events for long. A re-scoring starts at most once per {@code rfmEvery} per tenant
 * ({@link RfmPacing}).
 *
 * <p>Each tenant's job is kept in a store with a changelog: what it was started for (the fingerprints of the
 * definitions and of the cuts) and how far it got. A restarted or moved task resumes where the job was, and on its
 * first tick compares every known tenant's fingerprints with its jobs, so a change made while it was down is
 * backfilled too. A change during a backfill starts it over.
 */
final class Backfills {
    /**
     * How often the definitions are looked at, and how many customers one look re-evaluates at most on the whole
     * instance ({@link BackgroundShare}). By default 2,000 customers a second when no events arrive, in slices of a
     * fifth of a second, so one tick holds a stream thread (and the events queued behind it) only briefly.
     */
    record Settings(Duration tick, int maxPerTick, Duration rfmEvery) {
        static final Settings DEFAULT = perSecond(2_000, Duration.ofMinutes(1));

        /** {@code customers} a second per instance (5 to 100,000), in five ticks. */
        static Settings perSecond(int customers, Duration rfmEvery) {
            if (customers < 5 || customers > 100_000) {
                throw new IllegalArgumentException(
                        "mosaic.segmentation.backfill-rate must be 5 to 100,000 customers a second, not " + customers);
            }
            return new Settings(Duration.ofMillis(200), customers / 5, rfmEvery);
        }
    }

    /**
     * A tenant's backfill on this task: the fingerprints it re-evaluates for, its cause, the last key done (null when
     * finished), how many customers the tenant had here when it started and how many it re-evaluated.
     */
    record Job(String catalog, RfmCuts cuts, RfmCuts cutsBefore, String cause, String cursor, long total, long done) {
        static final Job NOTHING = new Job(DefinedSegments.NO_DEFINITIONS, RfmCuts.NONE, null, null, null, 0, 0);
    }

    /** What re-evaluating one customer is. */
    interface Reevaluation {
        void reevaluate(String key, CustomerState state, String cause);
    }

    private final KeyValueStore<String, CustomerState> states;
    private final CustomerStates counted;
    private final Progress progress;
    private final KeyValueStore<String, Job> jobs;
    private final TenantSegments segments;
    private final TableVersions versions;
    private final Map<String, Long> seenDefinitions = new HashMap<>();
    private final Map<String, Long> seenHistograms = new HashMap<>();
    private final Map<String, Job> running = new LinkedHashMap<>();
    private final RfmPacing rfmPacing;
    private final java.util.function.Supplier<java.time.Instant> clock;
    private final BackgroundShare share;
    private final Reevaluation reevaluation;
    private long now;
    private boolean started;

    Backfills(
            ProcessorContext<?, ?> context,
            TenantSegments segments,
            TableVersions versions,
            Settings settings,
            BackgroundShare share,
            java.util.function.Supplier<java.time.Instant> clock,
            CustomerStates counted,
            Progress progress,
            Reevaluation reevaluation) {
        this.counted = counted;
        this.progress = progress;
        this.states = context.getStateStore(SegmentationTopology.CUSTOMER_STATES);
        this.jobs = context.getStateStore(SegmentationTopology.BACKFILL_JOBS);
        this.segments = segments;
        this.versions = versions;
        this.rfmPacing = new RfmPacing(settings.rfmEvery());
        this.clock = clock;
        this.share = share;
        this.reevaluation = reevaluation;
    }

    /**
     * One background step: starts jobs for what changed, then re-evaluates at most the task's share of the
     * instance's budget, less the records the task applied since the last step ({@code liveRecords}), at least one:
     * events come first. At the full rate beside 5,000 events/s, re-scoring a new tenant's buyers put the p99 from
     * event to segment change at 1.4 s; at a tenth of it, 0.15 s.
     */
    void tick(int liveRecords) {
        now = clock.get().toEpochMilli();
        startChanged();
        run(Math.max(1, share.perTask() - liveRecords), reevaluation);
    }

    private void startChanged() {
        Set<String> tenants = new TreeSet<>();
        if (!started) {
            started = true;
            tenants.addAll(segments.tenants());
            try (KeyValueIterator<String, Job> stored = jobs.all()) {
                stored.forEachRemaining(job -> {
                    if (job.value.cursor() != null) {
                        running.put(job.key, job.value);
                    }
                });
            }
        }
        collectChanged(versions.definitions, seenDefinitions, tenants);
        collectChanged(versions.rfmHistograms, seenHistograms, tenants);
        tenants.addAll(rfmPacing.due(now));
        tenants.forEach(this::startIfChanged);
    }

    private static void collectChanged(Map<String, Long> current, Map<String, Long> seen, Set<String> into) {
        current.forEach((tenant, version) -> {
            if (!version.equals(seen.put(tenant, version))) {
                into.add(tenant);
            }
        });
    }

    private void startIfChanged(String tenant) {
        Job last = jobs.get(tenant);
        Job before = last == null ? Job.NOTHING : last;
        String catalog = segments.catalogFingerprint(tenant);
        RfmCuts cuts = segments.rfmCuts(tenant);
        boolean definitionsChanged = !catalog.equals(before.catalog());
        if (!definitionsChanged && cuts.equals(before.cuts())) {
            return;
        }
        if (!definitionsChanged && !rfmPacing.tryStart(tenant, now)) {
            return;
        }
        String cause = definitionsChanged ? "backfill" : "rfm";
        start(tenant, new Job(catalog, cuts, before.cuts(), cause, tenant + ":", 0, 0));
    }

    /** Re-evaluates the tenant's customers on this task from the start, for {@code cause}. */
    void restart(String tenant, String cause) {
        Job before = jobs.get(tenant);
        String catalog = before == null ? segments.catalogFingerprint(tenant) : before.catalog();
        RfmCuts cuts = before == null ? segments.rfmCuts(tenant) : before.cuts();
        start(tenant, new Job(catalog, cuts, null, cause, tenant + ":", 0, 0));
    }

    /** The tenant's job on this task, or null. */
    Job job(String tenant) {
        return jobs.get(tenant);
    }

    private void start(String tenant, Job job) {
        Job counting = new Job(
                job.catalog(),
                job.cuts(),
                job.cutsBefore(),
                job.cause(),
                job.cursor(),
                counted.count(tenant),
                job.done());
        jobs.put(tenant, counting);
        running.put(tenant, counting);
        progress.changed(tenant);
    }

    private void run(int budget, Reevaluation reevaluation) {
        java.time.Instant at = java.time.Instant.ofEpochMilli(now);
        for (Iterator<Map.Entry<String, Job>> each = running.entrySet().iterator(); each.hasNext() && budget > 0; ) {
            Map.Entry<String, Job> entry = each.next();
            Job job = entry.getValue();
            int requested = budget;
            List<KeyValue<String, CustomerState>> customers = next(entry.getKey(), job.cursor(), requested);
            customers.forEach(customer -> {
                if (concerns(job, customer.value, at)) {
                    reevaluation.reevaluate(customer.key, customer.value, job.cause());
                }
            });
            budget -= customers.size();
            boolean finished = customers.size() < requested;
            Job progressed = new Job(
                    job.catalog(),
                    job.cuts(),
                    job.cutsBefore(),
                    job.cause(),
                    finished ? null : customers.get(customers.size() - 1).key,
                    job.total(),
                    job.done() + customers.size());
            jobs.put(entry.getKey(), progressed);
            progress.changed(entry.getKey());
            if (finished) {
                each.remove();
            } else {
                entry.setValue(progressed);
            }
        }
    }

    /**
     * Whether the job must re-evaluate the customer: always for changed definitions; for moved cuts, only a buyer
     * whose score may differ under the new cuts (when the cuts move a little, most buyers' scores do not).
     */
    private static boolean concerns(Job job, CustomerState customer, java.time.Instant now) {
        if (!job.cause().equals("rfm")) {
            return true;
        }
        return customer.rfm != null
                && (job.cutsBefore() == null || job.cutsBefore().mayScoreDifferently(customer.rfm, job.cuts(), now));
    }

    /** Up to {@code max} of the tenant's customers after {@code after}, in key order. */
    private List<KeyValue<String, CustomerState>> next(String tenant, String after, int max) {
        List<KeyValue<String, CustomerState>> customers = new ArrayList<>();
        try (KeyValueIterator<String, CustomerState> range = states.range(after, tenant + ";")) {
            while (range.hasNext() && customers.size() < max) {
                KeyValue<String, CustomerState> customer = range.next();
                if (!customer.key.equals(after)) {
                    customers.add(customer);
                }
            }
        }
        return customers;
    }
}
