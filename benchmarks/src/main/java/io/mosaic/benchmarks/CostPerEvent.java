package io.mosaic.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one event costs the machine, to say which rate 2 cores can carry at all: CPU time of each process (from
 * {@code /proc}), rows PostgreSQL wrote (from {@code pg_stat_user_tables}) and entries Kafka appended to its logs
 * (records and transaction markers of every topic, internal ones included) between two snapshots, divided by the
 * events sent in between.
 */
final class CostPerEvent {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, `getconf CLK_TCK` on Linux
    static final String POSTGRES = "PostgreSQL";
    static final String KAFKA_AND_LOAD = "Kafka broker + load generator";

    /**
     * CPU milliseconds per event by process, PostgreSQL rows written per event, and Kafka log entries written per
     * event by topic (empty when not counted).
     */
    record Cost(Map<String, Double> cpuMsByProcess, double rowsWritten, Map<String, Double> kafkaEntriesByTopic) {
        double totalCpuMs() {
            return cpuMsByProcess.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** The mean of costs measured over equal windows, process by process (rows and Kafka entries left out). */
        static Cost mean(List<Cost> windows) {
            Map<String, Double> cpu = new LinkedHashMap<>();
            windows.forEach(
                    window -> window.cpuMsByProcess().forEach((process, ms) -> cpu.merge(process, ms, Double::sum)));
            cpu.replaceAll((process, sum) -> sum / windows.size());
            return new Cost(cpu, Double.NaN, Map.of());
        }

        /** Every topic's entries per event together; NaN when they were not counted. */
        double kafkaEntries() {
            return kafkaEntriesByTopic.isEmpty()
                    ? Double.NaN
                    : kafkaEntriesByTopic.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum();
        }
    }

    private final Map<String, Long> services;
    private final String kafkaBootstrap;
    private Map<String, Long> cpuTicksAtStart;
    private long rowsAtStart;
    private Map<String, Long> kafkaEntriesAtStart;

    /** {@code services}: name -> process id of each service's JVM; Kafka's log entries are not counted. */
    CostPerEvent(Map<String, Long> services) {
        this(services, null);
    }

    /** {@code services}: name -> process id of each service's JVM; {@code kafkaBootstrap}: whose logs to count. */
    CostPerEvent(Map<String, Long> services, String kafkaBootstrap) {
        this.services = services;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    void start() throws Exception {
        cpuTicksAtStart = cpuTicks();
        rowsAtStart = rowsWritten();
        kafkaEntriesAtStart = kafkaLogEntries();
    }

    Cost stop(long events) throws Exception {
        Map<String, Long> now = cpuTicks();
        Map<String, Double> perEvent = new LinkedHashMap<>();
        now.forEach((name, ticks) ->
                perEvent.put(name, (ticks - cpuTicksAtStart.get(name)) / TICKS_PER_SECOND * 1000 / events));
        Map<String, Double> kafkaEntries = new java.util.TreeMap<>();
        kafkaLogEntries()
                .forEach((topic, entries) -> kafkaEntries.put(
                        topic, (entries - kafkaEntriesAtStart.getOrDefault(topic, 0L)) / (double) events));
        return new Cost(perEvent, (rowsWritten() - rowsAtStart) / (double) events, kafkaEntries);
    }

    /** By topic, every entry Kafka appended to its logs so far; internal topics (offsets, transactions) included. */
    private Map<String, Long> kafkaLogEntries() throws Exception {
        return kafkaBootstrap == null ? Map.of() : BenchKafka.logEndsByTopic(kafkaBootstrap, topic -> true);
    }

    /**
     * Waits until the whole machine is quiet (all processes together below a quarter of a core over 30 s, longer
     * than the RFM timer's period; the idle platform's own polling stays under that): the work an earlier phase
     * left behind (RFM recomputation, republished behavior) would otherwise be measured as latency. Answers how
     * long it took, or empty when the machine was not quiet within {@code max}.
     */
    java.util.Optional<java.time.Duration> awaitQuiet(java.time.Duration max) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + max.toNanos();
        long before = total(cpuTicks());
        while (System.nanoTime() < deadline) {
            Thread.sleep(30_000); // sampling /proc: there is no event to wait on
            long now = total(cpuTicks());
            if ((now - before) / TICKS_PER_SECOND < 7.5) {
                return java.util.Optional.of(java.time.Duration.ofNanos(System.nanoTime() - started));
            }
            before = now;
        }
        return java.util.Optional.empty();
    }

    private static long total(Map<String, Long> ticks) {
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> cpuTicks() throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Map.Entry<String, Long> service : services.entrySet()) {
            ticks.put(service.getKey(), ticksOf(service.getValue()));
        }
        ticks.put(KAFKA_AND_LOAD, ticksOf(ProcessHandle.current().pid()));
        long postgres = 0;
        for (long pid : postgresProcesses()) {
            postgres += ticksOf(pid);
        }
        ticks.put(POSTGRES, postgres);
        return ticks;
    }

    /**
     * utime + stime of a process and of its reaped children (cutime + cstime), in clock ticks; 0 for one that has
     * gone. The children's part keeps PostgreSQL's sum whole: a backend that exits moves its time to the postmaster.
     */
    private static long ticksOf(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /** Every PostgreSQL server process (postmaster and backends); they come and go, so sampled each time. */
    private static List<Long> postgresProcesses() throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(path -> {
                        try {
                            return Files.readString(path.resolve("comm")).trim().equals("postgres");
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .toList();
        }
    }

    private static long rowsWritten() throws SQLException {
        try (Connection connection = BenchDatabase.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                                + " from pg_stat_user_tables where schemaname in ('profile', 'segmentation')")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
