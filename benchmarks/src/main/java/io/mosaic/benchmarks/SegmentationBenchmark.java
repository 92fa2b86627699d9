package io.mosaic.benchmarks;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.Topics;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Replays a generated stream through the segmentation service (its packaged jar, in its own JVM, on a real Kafka
 * and PostgreSQL on this machine) and reports:
 *
 * <ul>
 *   <li>a warm-up on another tenant first (the cold JVM's figure, reported too), then two rounds of the full load,
 *       each a new tenant's events (fresh state) encoded before the clock starts: the first still pays for the
 *       JIT, the second is the headline;
 *   <li>throughput: events applied per second while the whole stream is offered at once (when paced, this is
 *       only the offered rate, and the figure that matters is the delay);
 *   <li>delay from an event to the membership change it causes (the customer's first event puts them in
 *       {@code new-customers}), from the event's write to Kafka to the moment a read-committed consumer receives
 *       the change (the service commits every 100 ms: a change is visible only then), at full load and at a fixed
 *       rate below capacity once the work the full load left behind is done, with the p99 of each second;
 *   <li>CPU per event of every process at full load (the service, PostgreSQL, and this JVM: the broker and the
 *       load generator), and the CPU of each while idle afterwards;
 *   <li>Kafka's own producer and consumer performance tools on the same broker, with records of the events' size.
 * </ul>
 *
 * Run: {@code ./mvnw -B package -DskipTests && benchmarks/run-segmentation.sh [events] [customers] [rate] [warm-up]}.
 */
public final class SegmentationBenchmark {
    private static final String GROUP = "mosaic-segmentation";

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int paceRate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int warmUpEvents = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        String bootstrap = EmbeddedKafka.bootstrapServers();
        String jdbcUrl = BenchDatabase.jdbcUrl();
        Path logs = Files.createDirectories(Path.of("benchmarks", "target"));
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                "SEGMENTATION_DB_URL",
                jdbcUrl,
                "SEGMENTATION_DB_USER",
                BenchDatabase.USER,
                "SEGMENTATION_DB_PASSWORD",
                BenchDatabase.PASSWORD,
                "MOSAIC_INTERNAL_TOKEN",
                "benchmark");
        System.out.printf("Kafka %s, PostgreSQL %s; starting segmentation-service...%n", bootstrap, jdbcUrl);
        try (ServiceProcess service = BenchServices.start(
                        "segmentation-service", environment, logs.resolve("segmentation-service.log"));
                ChangeWatcher changes = new ChangeWatcher(bootstrap)) {
            CostPerEvent cost = new CostPerEvent(Map.of("segmentation-service", service.pid()));
            // A cold JVM spends a third of a short run compiling; a service in production has long done that. The
            // warm-up is another tenant's customers, so the measured tenant's state is still fresh.
            cost.start();
            SegmentationReport.Result warmUp = run(
                    "warm-up (cold JVM, another tenant)",
                    bootstrap,
                    changes,
                    Load.of(
                            new EventStream("bench-warmup", Math.max(1, warmUpEvents / 10), 3, Instant.now()),
                            warmUpEvents),
                    0);
            CostPerEvent.Cost coldPerEvent = cost.stop(warmUpEvents);
            // The JIT compiles what the warm-up made hot for a while after it: measured from /proc, its compiler
            // threads were 30% of the service's CPU in a full load started right after the warm-up.
            System.out.println("waiting for the JIT to finish what the warm-up made hot...");
            cost.awaitQuiet(Duration.ofMinutes(5));
            // Two rounds, each a new tenant's customers (fresh state): the first still pays for compiling what runs
            // hotter at full speed than in the warm-up (a quarter of the service's CPU in the JIT, from /proc), the
            // second is the steady state of a service that has been up for a while. Both are reported.
            Load load = Load.of(new EventStream("bench", customers, 42, Instant.now()), events);
            cost.start();
            SegmentationReport.Result first = run("full load, first round (fresh state)", bootstrap, changes, load, 0);
            CostPerEvent.Cost firstPerEvent = cost.stop(events);
            System.out.println("waiting for the work the first round left behind...");
            cost.awaitQuiet(Duration.ofMinutes(5));
            load = Load.of(new EventStream("bench-2", customers, 43, Instant.now()), events);
            cost.start();
            SegmentationReport.Result full =
                    run("full load, second round (fresh state, another tenant)", bootstrap, changes, load, 0);
            CostPerEvent.Cost perEvent = cost.stop(events);
            // A steady 5,000 events/s, not the tail of a burst: right after the full load the re-scoring and the
            // stores' compactions it left behind still share the cores (p99 400-600 ms in its first seconds).
            System.out.println("fixed rate: waiting for the work the full load left behind...");
            cost.awaitQuiet(Duration.ofMinutes(5));
            SegmentationReport.Result paced = run(
                    "fixed rate",
                    bootstrap,
                    changes,
                    Load.of(new EventStream("bench-paced", paceRate * 5, 7, Instant.now()), paceRate * 15),
                    paceRate);
            // What the load left behind (RFM re-scoring at its bounded rate) is work, not the idle cost.
            System.out.println("idle: waiting for the work the load left behind, then 30 s of CPU with no events...");
            cost.awaitQuiet(Duration.ofMinutes(5));
            cost.start();
            Thread.sleep(30_000); // sampling /proc over a fixed span: there is no event to wait on
            CostPerEvent.Cost idle = cost.stop(30); // per second
            System.out.println("Kafka's own producer and consumer on the same broker...");
            String limits;
            try {
                limits = SegmentationReport.limits(
                        PhysicalLimits.kafka(bootstrap, load.averageSize(), Math.max(events, 200_000)),
                        load.averageSize(),
                        full);
            } catch (Exception e) { // the figures above are still worth reporting
                limits = "## Kafka's own tools\n\nFailed: " + e.getMessage()
                        + "\n\nRun again; if it fails again, look at the broker's log in this output.\n";
            }
            String report = "# Segmentation benchmark (" + Instant.now() + ")\n\n" + warmUp.markdown() + "\n"
                    + first.markdown() + "\n" + full.markdown() + "\n" + paced.markdown() + "\n"
                    + SegmentationReport.cpu(perEvent, firstPerEvent, coldPerEvent, idle) + "\n"
                    + limits + "\n## Service metrics\n\n```\n"
                    + service.metrics("mosaic_consumer") + "```\n";
            Files.writeString(logs.resolve("segmentation-benchmark.md"), report);
            System.out.println(report);
        }
        System.exit(0);
    }

    /** Events encoded before the clock starts, so the load generator costs the machine as little as it can. */
    record Load(String[] keys, byte[][] values) {
        static Load of(EventStream stream, int count) {
            String run = Long.toString(System.nanoTime(), 36);
            String[] keys = new String[count];
            byte[][] values = new byte[count][];
            for (int i = 0; i < count; i++) {
                InteractionEvent event = stream.next(run);
                keys[i] = event.key();
                values[i] = EventJson.toBytes(event);
            }
            return new Load(keys, values);
        }

        int size() {
            return keys.length;
        }

        int averageSize() {
            long bytes = 0;
            for (byte[] value : values) {
                bytes += value.length;
            }
            return (int) (bytes / Math.max(1, values.length));
        }
    }

    private static SegmentationReport.Result run(
            String name, String bootstrap, ChangeWatcher changes, Load load, int rate) throws Exception {
        int count = load.size();
        System.out.printf(
                "%s: sending %,d events%s...%n", name, count, rate > 0 ? " at " + rate + "/s" : " as fast as possible");
        Map<String, Long> firstWrite = new ConcurrentHashMap<>();
        java.util.Set<String> timed = new java.util.HashSet<>();
        java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
        long started = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = BenchKafka.producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                String key = load.keys()[i];
                boolean first = timed.add(key);
                producer.send(new ProducerRecord<>(Topics.INTERACTIONS, key, load.values()[i]), (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    } else if (first) {
                        firstWrite.putIfAbsent(key, metadata.timestamp());
                    }
                });
                if (rate > 0) {
                    long due = started + (long) i * 1000 / rate;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                if (i > 0 && i % 50_000 == 0) {
                    System.out.printf("  sent %,d%n", i);
                }
            }
        }
        long sent = System.currentTimeMillis();
        if (failures.get() > 0) {
            throw new IllegalStateException(
                    failures.get() + " events were not written to Kafka; the figures would be wrong");
        }
        long applied = BenchKafka.awaitApplied(bootstrap, GROUP);
        Histogram delays = new Histogram(3_600_000L, 3);
        java.util.TreeMap<Long, Histogram> bySecond = new java.util.TreeMap<>();
        Thread.sleep(2_000); // let the watcher receive the last committed changes
        firstWrite.forEach((key, writtenAt) -> {
            Long changedAt = changes.firstEntered(key);
            if (changedAt != null) {
                long delay = Math.max(0, changedAt - writtenAt);
                delays.recordValue(delay);
                bySecond.computeIfAbsent((writtenAt - started) / 1000, s -> new Histogram(3_600_000L, 2))
                        .recordValue(delay);
            }
        });
        StringBuilder p99BySecond = new StringBuilder();
        bySecond.values()
                .forEach(second ->
                        p99BySecond.append(p99BySecond.isEmpty() ? "" : ", ").append(second.getValueAtPercentile(99)));
        return new SegmentationReport.Result(
                name, count, firstWrite.size(), sent - started, applied - started, delays, p99BySecond.toString());
    }
}
