package io.mosaic.benchmarks;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.segmentation.stream.SegmentationTopology;
import io.mosaic.testing.EmbeddedKafka;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The segmentation topology alone, on the embedded broker of this machine, beside Kafka's own consumer in the same
 * run: a stream of the demo's event mix is written first, then a fresh application (empty state, exactly-once v2)
 * processes it, and the figure is events applied per second from the moment the application runs until its
 * committed offsets reach the end. Also reported: the CPU the stream threads spent per event.
 *
 * Then, with the application caught up, new customers' first events are written at a fixed rate for 30 s, and the
 * delay from each write to its {@code new-customers} entry becoming visible to a read-committed consumer is
 * recorded.
 *
 * <p>Run: {@code benchmarks/run-topology.sh [events=300000] [customers=30000] [stream-threads=2] [commit-ms=100]
 * [paced-rate=5000]}.
 */
public final class TopologyBenchmark {
    private static final int PARTITIONS = 12;

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int commitMs = args.length > 3 ? Integer.parseInt(args[3]) : 100; // exactly-once's default
        int pacedRate = args.length > 4 ? Integer.parseInt(args[4]) : 5_000;
        String bootstrap = EmbeddedKafka.bootstrapServers();
        String run = Long.toString(System.currentTimeMillis(), 36);
        SegmentationTopology.Topics topics = SegmentationTopology.Topics.suffixed(run);
        createTopics(bootstrap, topics);

        System.out.printf("Writing %,d events of %,d customers...%n", events, customers);
        long bytes = write(bootstrap, topics.interactions(), events, customers);
        int recordSize = (int) (bytes / events);
        System.out.println("Kafka's own consumer and producer on the same broker...");
        PhysicalLimits.Kafka limits = PhysicalLimits.kafka(bootstrap, recordSize, Math.max(events, 200_000));

        System.out.printf("Processing with %d stream threads...%n", threads);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long processCpuBefore = processCpuNanos();
        long started = System.currentTimeMillis();
        long running;
        long done;
        long streamCpu;
        long processCpu;
        PacedLatency.Result paced;
        long written;
        try (KafkaStreams streams = new KafkaStreams(
                SegmentationTopology.build(topics, SegmentationTopology.Settings.DEFAULT),
                settings(bootstrap, "segmentation-" + run, threads, commitMs))) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(20);
            }
            running = System.currentTimeMillis();
            done = awaitCaughtUp(bootstrap, "segmentation-" + run, topics.interactions(), events);
            streamCpu = streamThreadCpuNanos(cpu); // before close: a finished thread has no CPU time to ask for
            processCpu = processCpuNanos() - processCpuBefore;
            written = recordsWritten(bootstrap, run, topics.interactions()); // before the paced phase adds more
            System.out.printf("Paced: %,d new customers' first events at %,d/s...%n", pacedRate * 30, pacedRate);
            paced = PacedLatency.measure(bootstrap, topics, pacedRate, 30);
        }
        double rate = events * 1000.0 / Math.max(1, done - running);

        String report = String.format(
                "# Segmentation topology benchmark (%s)%n%n"
                        + "Fresh state, %,d events of %,d customers (the demo's mix, %d bytes each on average), %d"
                        + " partitions, %d stream threads, exactly-once v2 committing every %d ms, broker in the same JVM.%n%n"
                        + "| figure | value |%n|---|---|%n"
                        + "| start to running | %,d ms |%n"
                        + "| running to caught up | %,d ms |%n"
                        + "| **events applied per second** | **%,.0f** |%n"
                        + "| stream threads' CPU per event | %.3f ms |%n"
                        + "| whole JVM's CPU per event (broker included) | %.3f ms |%n"
                        + "| records the application wrote per event (changelogs and outputs, commit markers"
                        + " included) | %.2f |%n"
                        + "| event to segment change at %,d events/s, p50 / p99 / max (read committed; %,d of %,d"
                        + " seen) | %,d / %,d / %,d ms |%n"
                        + "| Kafka's consumer (kafka-consumer-perf-test), same broker | %,.0f records/s |%n"
                        + "| Kafka's producer (kafka-producer-perf-test, acks=all) | %,.0f records/s |%n",
                Instant.now(),
                events,
                customers,
                recordSize,
                PARTITIONS,
                threads,
                commitMs,
                running - started,
                done - running,
                rate,
                streamCpu / 1e6 / events,
                processCpu / 1e6 / events,
                (double) written / events,
                pacedRate,
                paced.seen(),
                paced.sent(),
                paced.p50(),
                paced.p99(),
                paced.max(),
                limits.consumerRecordsPerSecond(),
                limits.producerRecordsPerSecond());
        Path out = Files.createDirectories(Path.of("benchmarks", "target")).resolve("topology-benchmark.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.exit(0);
    }

    private static void createTopics(String bootstrap, SegmentationTopology.Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.toCreate(PARTITIONS, (short) 1)).all().get();
        }
    }

    private static long write(String bootstrap, String topic, int events, int customers) {
        EventStream stream = new EventStream("bench", customers, 42, Instant.now());
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = BenchKafka.producer(bootstrap)) {
            for (int i = 0; i < events; i++) {
                InteractionEvent event = stream.next("topology");
                byte[] value = EventJson.toBytes(event);
                bytes += value.length;
                producer.send(
                        new ProducerRecord<>(topic, InteractionEvent.key(event.tenant(), event.customerId()), value));
            }
            producer.flush();
        }
        return bytes;
    }

    private static Properties settings(String bootstrap, String applicationId, int threads, int commitMs)
            throws Exception {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        settings.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, io.mosaic.streams.BoundedRocksDb.class);
        settings.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("topology-bench").toString());
        settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        settings.put(StreamsConfig.producerPrefix("compression.type"), "lz4"); // as the service runs it
        settings.put(StreamsConfig.producerPrefix("batch.size"), 262_144);
        return settings;
    }

    /** When the application's committed offsets of the input reach its end (the input is not transactional). */
    private static long awaitCaughtUp(String bootstrap, String group, String topic, int events) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            long lastReport = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                long applied = ends.keySet().stream()
                        .mapToLong(part -> committed.containsKey(part)
                                ? committed.get(part).offset()
                                : 0)
                        .sum();
                if (applied >= events) {
                    return System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastReport > 5_000) {
                    System.out.printf("  %,d of %,d applied%n", applied, events);
                    lastReport = System.currentTimeMillis();
                }
                Thread.sleep(50);
            }
        }
    }

    /** Every offset of every topic of this run but the input: what the application wrote. */
    private static long recordsWritten(String bootstrap, String run, String input) throws Exception {
        return BenchKafka.logEndsByTopic(bootstrap, topic -> topic.contains(run) && !topic.equals(input))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static long streamThreadCpuNanos(ThreadMXBean cpu) {
        long total = 0;
        for (long id : cpu.getAllThreadIds()) {
            var info = cpu.getThreadInfo(id);
            if (info != null && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, cpu.getThreadCpuTime(id));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
