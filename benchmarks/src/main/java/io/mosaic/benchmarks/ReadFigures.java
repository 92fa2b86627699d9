package io.mosaic.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** What {@link ProfileReadRun} measured: each kind of read's latency and CPU per read, and the idle platform. */
final class ReadFigures {
    static final String BY_ID = "by id through the gateway";
    static final String BY_EMAIL = "by email through the gateway";
    static final String DIRECT_BY_ID = "by id straight from the profile-service";

    /** Latency in microseconds from each read's slot; CPU-ms per read of each process. */
    record Kind(String name, AsyncReads.Paced paced, CostPerEvent.Cost cost, double clientCpuMs) {
        Histogram latency() {
            return paced.latency();
        }
    }

    ProfileReadRun.Plan plan;
    final List<Kind> kinds = new ArrayList<>();
    /** CPU-ms per ms, i.e. cores, each process keeps busy while the platform has nothing to do. */
    CostPerEvent.Cost idle;

    /** Cores the background events kept busy on their own; null when the reads ran alone. */
    CostPerEvent.Cost eventsAlone;

    /**
     * Whether the CPU per read can be told apart from the events': not when the events alone keep most of the
     * machine busy, as reads then take cores from the events (which fall behind) instead of adding to them.
     */
    boolean cpuPerReadMeasurable() {
        return eventsAlone == null
                || eventsAlone.totalCpuMs() < 0.8 * Runtime.getRuntime().availableProcessors();
    }
    /** How long the machine took to become quiet after the loads; empty: it never did. */
    Optional<Duration> quietAfter = Optional.empty();
    /** The profile-service's tables and indexes, loaded into PostgreSQL's shared buffers before the reads. */
    long prewarmedMegabytes;

    Histogram latency(String name) {
        return kinds.stream()
                .filter(kind -> kind.name().equals(name))
                .findFirst()
                .orElseThrow()
                .latency();
    }

    /** CPU-ms per read of every process together, of one kind of read. */
    double cpuPerRead(String name) {
        return kinds.stream()
                .filter(kind -> kind.name().equals(name))
                .findFirst()
                .orElseThrow()
                .cost()
                .totalCpuMs();
    }

    /** E.g. ", while 2,000 events/s arrive"; empty when the reads ran alone. */
    String duringEvents() {
        return plan.ingestRate() > 0 ? String.format(", while %,d events/s arrive", plan.ingestRate()) : "";
    }

    /** E.g. "1,000/s, 100,000 profiles". */
    String rateAndProfiles() {
        return String.format("%,d/s, %,d profiles", plan.rate(), plan.profiles());
    }

    void appendTo(StringBuilder text) {
        text.append(String.format(
                "%n## Profile reads (%,d/s for each kind, %,d profiles of the tenant read)%n%n",
                plan.rate(), plan.profiles()));
        text.append(quietAfter
                .map(wait -> String.format(
                        "Timed once the machine had been quiet for 30 s (%d s after the last load had been applied),"
                                + " after 20,000 warm-up reads of each kind, each kind after %d s at its rate"
                                + " untimed. ",
                        wait.toSeconds(), plan.settleSeconds()))
                .orElse("The machine did not become quiet within 10 minutes after the last load; timed anyway. "));
        text.append(String.format(
                "The profile-service's tables and indexes (%,d MB) were loaded into PostgreSQL's shared buffers"
                        + " first, as a server serving reads all day has them. ",
                prewarmedMegabytes));
        text.append("Open loop from one asynchronous HTTP/1.1 client; latency from each read's due time. CPU per"
                + " read is what the platform's processes spend beyond their idle work (measured alone first, its"
                + " column below); the read client's own CPU (its threads, measured by the JVM) is shown apart and"
                + " taken out of the benchmark JVM it shares with the broker.");
        if (plan.ingestRate() > 0) {
            text.append(String.format(
                    " Events arrived through the gateway at %,d/s throughout (50 per batch, another tenant); what they"
                            + " cost on their own was measured in windows alternating with the timed reads' (three"
                            + " of each when the reads last 15 s or more, else one; each as long as a window of"
                            + " reads) and taken out of the CPU per read, so that a drift in the events' cost over"
                            + " the phase does not count as the reads'.",
                    plan.ingestRate()));
        }
        text.append("\n\n")
                .append("| read | p50 ms | p99 ms | p99.9 ms | max ms | count | CPU-ms per read, all platform processes"
                        + " | CPU-ms per read, the read client | seconds with over 1% of reads slower than 10 ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Kind kind : kinds) {
            Histogram micros = kind.latency();
            text.append(String.format(
                    "| %s | %.1f | %.1f | %.1f | %.1f | %,d | %.3f | %.3f | %s |%n",
                    kind.name(),
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0,
                    micros.getValueAtPercentile(99.9) / 1000.0,
                    micros.getMaxValue() / 1000.0,
                    micros.getTotalCount(),
                    kind.cost().totalCpuMs(),
                    kind.clientCpuMs(),
                    kind.paced().secondsOverOnePercent(plan.rate())));
        }
        text.append("\n| process | idle platform, cores |");
        kinds.forEach(
                kind -> text.append(" CPU-ms per read, ").append(kind.name()).append(" |"));
        text.append("\n|---|---|").append("---|".repeat(kinds.size())).append('\n');
        for (String process : idle.cpuMsByProcess().keySet()) {
            text.append(String.format(
                    "| %s | %.3f |", process, idle.cpuMsByProcess().get(process)));
            kinds.forEach(kind -> text.append(
                    String.format(" %.3f |", kind.cost().cpuMsByProcess().get(process))));
            text.append('\n');
        }
    }
}
