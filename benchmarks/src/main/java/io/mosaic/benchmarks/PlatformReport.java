package io.mosaic.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The figures of one {@link PlatformBenchmark} run, each beside its physical limit and its target. */
final class PlatformReport {
    private static final double TARGET_EVENTS_PER_SECOND = 15_000;
    private static final double TARGET_CPU_MS_PER_READ = 0.3;
    private static final double TARGET_FRESHNESS_P99_MS = 1_000;
    private static final double TARGET_READ_P99_MS = 10;

    /**
     * One sustained step: {@code acceptedPerSecond} the events the gateway took per second of the step (below the
     * offered rate when the clients' batches queued), {@code maxSendDelaySeconds} how late the last batch went out.
     */
    record Step(
            int rate,
            double acceptedPerSecond,
            double maxSendDelaySeconds,
            double endLagSeconds,
            double maxLagSeconds,
            boolean bounded,
            CostPerEvent.Cost cost) {}

    private static final double CORES = Runtime.getRuntime().availableProcessors();

    PhysicalLimits.Kafka kafka;
    PhysicalLimits.Postgres postgres;
    int eventSize;
    double batchEventsPerSecond;
    Histogram batchLatency;
    double drainedEventsPerSecond;
    Histogram singleLatency;
    int freshRate;
    int freshCustomers;
    int freshBatches;
    /** Batches answered other than 200 (a client retries them); their events are in no figure. */
    long freshBatchesRejected;

    Histogram freshToSegment;
    Histogram freshToProfile;
    final List<Step> steps = new ArrayList<>();
    final ReadFigures reads = new ReadFigures();

    void write(Path markdown, Path chart, Map<String, String> options) throws IOException {
        double ingestRatio = batchEventsPerSecond / kafka.producerRecordsPerSecond();
        int sustained =
                steps.stream().filter(Step::bounded).mapToInt(Step::rate).max().orElse(0);
        Histogram readById = reads.latency(ReadFigures.BY_ID);
        Histogram readByEmail = reads.latency(ReadFigures.BY_EMAIL);
        StringBuilder text = new StringBuilder();
        text.append("# Mosaic platform benchmark (")
                .append(Instant.now())
                .append(")\n\n")
                .append("Everything on one 2-core machine: Kafka (KRaft) and PostgreSQL embedded in the benchmark JVM,")
                .append(" the four services each in its own JVM, the load generator. PostgreSQL: ")
                .append(BenchDatabase.settings())
                .append(". Options: ")
                .append(options)
                .append(". Average event size ")
                .append(eventSize)
                .append(" bytes.\n\n")
                .append("![figures against targets](platform-report.png)\n\n")
                .append("## Figures, limits, targets\n\n")
                .append("| figure | measured | physical limit (same run) | ratio to limit | target | met |\n")
                .append("|---|---|---|---|---|---|\n");
        row(
                text,
                "Ingestion, batch endpoint (500/batch, 4 clients)",
                perSecond(batchEventsPerSecond),
                "Kafka producer-perf-test " + perSecond(kafka.producerRecordsPerSecond()),
                ratio(ingestRatio),
                ">= 50% of Kafka's producer",
                ingestRatio >= 0.5);
        row(
                text,
                "End to end flat out (ingested, segmented, in profiles)",
                perSecond(drainedEventsPerSecond),
                "Kafka consumer-perf-test " + perSecond(kafka.consumerRecordsPerSecond()),
                ratio(drainedEventsPerSecond / kafka.consumerRecordsPerSecond()),
                ">= 15,000/s (goal 20,000)",
                drainedEventsPerSecond >= TARGET_EVENTS_PER_SECOND);
        row(
                text,
                "Sustained rate, lag bounded (" + options.get("step-seconds") + " s per step)",
                perSecond(sustained),
                "Kafka consumer-perf-test " + perSecond(kafka.consumerRecordsPerSecond()),
                ratio(sustained / kafka.consumerRecordsPerSecond()),
                ">= 15,000/s, lag < 5 s (goal 20,000)",
                sustained >= TARGET_EVENTS_PER_SECOND);
        row(
                text,
                "Freshness p99, 202 -> segment change (" + perSecond(freshRate) + ")",
                ms(freshToSegment, 99),
                "Kafka producer p99 " + String.format("%.0f ms", kafka.producerP99Ms()),
                "",
                "<= 1,000 ms",
                freshToSegment.getValueAtPercentile(99) <= TARGET_FRESHNESS_P99_MS);
        row(
                text,
                "Freshness p99, 202 -> profile shows it",
                ms(freshToProfile, 99),
                "",
                "",
                "<= 1,000 ms",
                freshToProfile.getValueAtPercentile(99) <= TARGET_FRESHNESS_P99_MS);
        row(
                text,
                "Profile read p99 by id, gateway, " + reads.rateAndProfiles() + reads.duringEvents(),
                micros(readById, 99),
                "PostgreSQL PK reads " + perSecond(postgres.primaryKeyReadsPerSecond()),
                "",
                "< 10 ms",
                readById.getValueAtPercentile(99) / 1000.0 < TARGET_READ_P99_MS);
        row(
                text,
                "Profile read p99 by email",
                micros(readByEmail, 99),
                "",
                "",
                "< 10 ms",
                readByEmail.getValueAtPercentile(99) / 1000.0 < TARGET_READ_P99_MS);
        double cpuPerRead = reads.cpuPerRead(ReadFigures.BY_ID);
        row(
                text,
                "CPU per profile read by id, gateway, every platform process (idle work and the client out)"
                        + reads.duringEvents(),
                reads.cpuPerReadMeasurable()
                        ? String.format("%.3f ms", cpuPerRead)
                        : String.format(
                                "not measurable: the events alone keep %.2f of %.0f cores busy",
                                reads.eventsAlone.totalCpuMs(), CORES),
                "",
                "",
                "<= 0.3 ms",
                reads.cpuPerReadMeasurable() && cpuPerRead <= TARGET_CPU_MS_PER_READ);

        text.append("\n## Latencies (ms)\n\n| what | p50 | p99 | p99.9 | max | count |\n|---|---|---|---|---|---|\n");
        latencies(text, "batch of 500 events, flat out", batchLatency, 1000.0);
        latencies(text, "single event, POST /v1/events at 300/s", singleLatency, 1000.0);
        latencies(text, "202 -> segment change, " + freshCustomers + " new customers", freshToSegment, 1.0);
        latencies(text, "202 -> profile shows the segment (1 in 10 sampled)", freshToProfile, 1.0);
        if (freshBatchesRejected > 0) {
            text.append(String.format(
                    "%nFreshness: %,d of %,d batches were not accepted (ingestion answered 503 when Kafka had not"
                            + " taken them within its 10 s publish timeout; a client retries); their events are in no"
                            + " figure above.%n",
                    freshBatchesRejected, freshBatches));
        }
        reads.appendTo(text);
        text.append("\n## Sustained rate steps\n\nA step holds when the gateway accepted the offered rate (the clients'"
                + " batches went out less than 5 s late) and no consumer group's lag reached 5 s.\n\n"
                + "| offered | accepted | latest batch sent | max lag during step | lag at end | bounded |\n"
                + "|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            text.append(String.format(
                    "| %,d/s | %,.0f/s | %.1f s late | %.1f s | %.1f s | %s |%n",
                    step.rate(),
                    step.acceptedPerSecond(),
                    step.maxSendDelaySeconds(),
                    step.maxLagSeconds(),
                    step.endLagSeconds(),
                    step.bounded() ? "yes" : "no"));
        }
        StepCosts.appendTo(text, steps, postgres.upsertedRowsPerSecond(), CORES, TARGET_EVENTS_PER_SECOND);
        text.append(String.format(
                "%n## Physical limits measured%n%n| limit | value |%n|---|---|%n"
                        + "| Kafka producer (acks=all, %d-byte records) | %s, p99 %.0f ms |%n"
                        + "| Kafka consumer | %s |%n| PostgreSQL primary-key reads (4 clients) | %s |%n"
                        + "| PostgreSQL batched upserts (500/batch) | %s rows |%n",
                eventSize,
                perSecond(kafka.producerRecordsPerSecond()),
                kafka.producerP99Ms(),
                perSecond(kafka.consumerRecordsPerSecond()),
                perSecond(postgres.primaryKeyReadsPerSecond()),
                perSecond(postgres.upsertedRowsPerSecond())));
        Files.writeString(markdown, text.toString());

        ReportChart.write(
                List.of(
                        new ReportChart.Bar("Batch ingestion / (50% of Kafka producer)", ingestRatio / 0.5),
                        new ReportChart.Bar(
                                "End to end flat out / 20,000 per s",
                                drainedEventsPerSecond / TARGET_EVENTS_PER_SECOND),
                        new ReportChart.Bar(
                                "Sustained, lag bounded / 20,000 per s", sustained / TARGET_EVENTS_PER_SECOND),
                        new ReportChart.Bar(
                                "1 s / freshness p99 to segment",
                                TARGET_FRESHNESS_P99_MS / Math.max(1, freshToSegment.getValueAtPercentile(99))),
                        new ReportChart.Bar(
                                "1 s / freshness p99 to profile",
                                TARGET_FRESHNESS_P99_MS / Math.max(1, freshToProfile.getValueAtPercentile(99))),
                        new ReportChart.Bar(
                                "10 ms / profile read p99 by id",
                                TARGET_READ_P99_MS / Math.max(0.001, readById.getValueAtPercentile(99) / 1000.0)),
                        new ReportChart.Bar(
                                "10 ms / profile read p99 by email",
                                TARGET_READ_P99_MS / Math.max(0.001, readByEmail.getValueAtPercentile(99) / 1000.0))),
                chart);
    }

    private static void row(
            StringBuilder text,
            String figure,
            String measured,
            String limit,
            String ratio,
            String target,
            boolean met) {
        text.append(String.format(
                "| %s | %s | %s | %s | %s | %s |%n", figure, measured, limit, ratio, target, met ? "yes" : "**no**"));
    }

    private static void latencies(StringBuilder text, String what, Histogram histogram, double perMillisecond) {
        text.append(String.format(
                "| %s | %.1f | %.1f | %.1f | %.1f | %,d |%n",
                what,
                histogram.getValueAtPercentile(50) / perMillisecond,
                histogram.getValueAtPercentile(99) / perMillisecond,
                histogram.getValueAtPercentile(99.9) / perMillisecond,
                histogram.getMaxValue() / perMillisecond,
                histogram.getTotalCount()));
    }

    static String perSecond(double value) {
        return String.format("%,.0f/s", value);
    }

    private static String ratio(double value) {
        return String.format("%.2f", value);
    }

    private static String ms(Histogram millis, double percentile) {
        return String.format("%,d ms", millis.getValueAtPercentile(percentile));
    }

    private static String micros(Histogram micros, double percentile) {
        return String.format("%.1f ms", micros.getValueAtPercentile(percentile) / 1000.0);
    }
}
