package io.mosaic.benchmarks;

import org.HdrHistogram.Histogram;

/** The segmentation benchmark's report: a section per phase, CPU per process, and Kafka's own tools. */
final class SegmentationReport {
    private SegmentationReport() {}

    static String limits(PhysicalLimits.Kafka kafka, int recordSize, Result full) {
        return String.format(
                "## Kafka's own tools, same broker, same run (%d-byte records)%n%n| tool | records/s |%n|---|---|%n"
                        + "| kafka-consumer-perf-test | %,.0f |%n| kafka-producer-perf-test (acks=all) | %,.0f |%n"
                        + "| segmentation-service, full load | %,.0f events/s |%n",
                recordSize,
                kafka.consumerRecordsPerSecond(),
                kafka.producerRecordsPerSecond(),
                full.events() * 1000.0 / full.appliedMillis());
    }

    static String cpu(
            CostPerEvent.Cost perEvent,
            CostPerEvent.Cost firstRound,
            CostPerEvent.Cost cold,
            CostPerEvent.Cost idlePerSecond) {
        StringBuilder table = new StringBuilder("## CPU\n\n| process | full load (second round), CPU ms per event"
                + " | first round | warm-up (cold JVM) | idle, share of one core |\n|---|---|---|---|---|\n");
        perEvent.cpuMsByProcess()
                .forEach((process, ms) -> table.append(String.format(
                        "| %s | %.3f | %.3f | %.3f | %.1f%% |%n",
                        process,
                        ms,
                        firstRound.cpuMsByProcess().get(process),
                        cold.cpuMsByProcess().get(process),
                        idlePerSecond.cpuMsByProcess().get(process) / 10)));
        return table.toString();
    }

    /** One phase; {@code p99BySecond}: the p99 of the events written in each second of it, in order. */
    record Result(
            String name,
            int events,
            int customers,
            long sendMillis,
            long appliedMillis,
            Histogram delays,
            String p99BySecond) {
        String markdown() {
            return String.format(
                    "## %s%n%n| figure | value |%n|---|---|%n| events | %,d (%,d customers' first events timed) |%n"
                            + "| sent in | %,d ms |%n| all applied after | %,d ms |%n"
                            + "| applied per second (offered rate when paced) | %,.0f events/s |%n"
                            + "| event to membership change p50 | %,d ms |%n| p99 | %,d ms |%n| max | %,d ms |%n"
                            + "| p99 of each second's events, ms | %s |%n",
                    name,
                    events,
                    customers,
                    sendMillis,
                    appliedMillis,
                    events * 1000.0 / appliedMillis,
                    delays.getValueAtPercentile(50),
                    delays.getValueAtPercentile(99),
                    delays.getMaxValue(),
                    p99BySecond);
        }
    }
}
