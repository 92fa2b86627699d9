package io.mosaic.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The report's table of what one event cost at each sustained step: CPU by process, database rows, Kafka entries. */
final class StepCosts {
    /** Topics with fewer Kafka log entries per event than this are left out of the breakdown. */
    static final double SHOWN_KAFKA_ENTRIES = 0.05;

    private StepCosts() {}

    /** Where each event's CPU time goes, and the rate that the machine could carry at that cost. */
    static void appendTo(
            StringBuilder text,
            List<PlatformReport.Step> steps,
            double upsertedRowsPerSecond,
            double cores,
            double targetEventsPerSecond) {
        if (steps.isEmpty()) {
            return;
        }
        text.append("\n## What one event costs (sustained steps, until caught up)\n\n| process |");
        steps.forEach(step -> text.append(String.format(" %,d/s |", step.rate())));
        text.append("\n|---|").append("---|".repeat(steps.size())).append('\n');
        for (String process : steps.get(0).cost().cpuMsByProcess().keySet()) {
            text.append("| CPU ms per event, ").append(process).append(" |");
            steps.forEach(step -> text.append(
                    String.format(" %.3f |", step.cost().cpuMsByProcess().get(process))));
            text.append('\n');
        }
        text.append("| **CPU ms per event, everything** |");
        steps.forEach(
                step -> text.append(String.format(" **%.3f** |", step.cost().totalCpuMs())));
        text.append(String.format("%n| ceiling of %.0f cores at that cost |", cores));
        steps.forEach(step -> text.append(" ")
                .append(PlatformReport.perSecond(cores * 1000 / step.cost().totalCpuMs()))
                .append(" |"));
        text.append("\n| PostgreSQL rows written per event |");
        steps.forEach(step -> text.append(String.format(" %.1f |", step.cost().rowsWritten())));
        text.append("\n| ceiling of PostgreSQL's batched upserts at that many rows |");
        steps.forEach(step -> text.append(" ")
                .append(PlatformReport.perSecond(
                        upsertedRowsPerSecond / step.cost().rowsWritten()))
                .append(" |"));
        text.append("\n| Kafka log entries written per event (records and transaction markers, every topic) |");
        steps.forEach(step -> text.append(String.format(" %.1f |", step.cost().kafkaEntries())));
        Set<String> topics = new TreeSet<>();
        steps.forEach(step -> step.cost().kafkaEntriesByTopic().forEach((topic, entries) -> {
            if (entries >= SHOWN_KAFKA_ENTRIES) {
                topics.add(topic);
            }
        }));
        for (String topic : topics) {
            text.append("\n| of which `").append(topic).append("` |");
            steps.forEach(step -> text.append(
                    String.format(" %.2f |", step.cost().kafkaEntriesByTopic().getOrDefault(topic, 0.0))));
        }
        text.append(String.format(
                "%n%nAt %,.0f events/s the %.0f cores allow %.3f CPU ms per event for everything (HTTP, Kafka, both"
                        + " consumers, PostgreSQL); PostgreSQL's batched upserts, measured alone with the whole"
                        + " machine, allow %.1f rows per event.%n",
                targetEventsPerSecond,
                cores,
                cores * 1000 / targetEventsPerSecond,
                upsertedRowsPerSecond / targetEventsPerSecond));
    }
}
