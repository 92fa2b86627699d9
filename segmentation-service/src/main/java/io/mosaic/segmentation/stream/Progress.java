package io.mosaic.segmentation.stream;

import io.mosaic.segmentation.segments.OutputPayloads;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What this task reports of each tenant's background work, to the progress topic as {@code tenant:partition}: the
 * definitions it has applied (their fingerprint), its backfill (cause, customers done of how many) and the
 * event-condition signatures it is still replaying. Published once per tick for the tenants that changed; every
 * instance reads the topic into a global store, and {@link SegmentStatus} answers a segment's status from it.
 */
final class Progress {
    /** One task's report for one tenant. */
    record TaskProgress(
            String catalog, String cause, boolean backfilling, long total, long done, Set<String> replaying) {}

    private final Set<String> changed = new TreeSet<>();
    private final int partition;

    Progress(ProcessorContext<?, ?> context) {
        this.partition = context.taskId().partition();
    }

    void changed(String tenant) {
        changed.add(tenant);
    }

    /** Forwards the report of every tenant that changed since the last call. */
    void publish(
            ProcessorContext<?, ?> context,
            Function<String, Backfills.Job> jobs,
            Function<String, Set<String>> replaying,
            long now) {
        for (String tenant : changed) {
            Backfills.Job job = jobs.apply(tenant);
            TaskProgress report = new TaskProgress(
                    job == null ? DefinedSegments.NO_DEFINITIONS : job.catalog(),
                    job == null ? null : job.cause(),
                    job != null && job.cursor() != null,
                    job == null ? 0 : job.total(),
                    job == null ? 0 : Math.min(job.done(), job.total()),
                    new TreeSet<>(replaying.apply(tenant)));
            @SuppressWarnings("unchecked")
            ProcessorContext<String, byte[]> forwarding = (ProcessorContext<String, byte[]>) context;
            forwarding.forward(
                    new Record<>(tenant + ":" + partition, OutputPayloads.jsonBytes(report), now),
                    SegmentationTopology.PROGRESS);
        }
        changed.clear();
    }
}
