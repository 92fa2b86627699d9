package io.mosaic.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * What the broker and the database manage on their own on this machine, measured in the same run: Kafka's own
 * producer and consumer performance tools, and plain JDBC primary-key reads and batched upserts.
 */
final class PhysicalLimits {
    private PhysicalLimits() {}

    record Kafka(double producerRecordsPerSecond, double producerP99Ms, double consumerRecordsPerSecond) {}

    record Postgres(double primaryKeyReadsPerSecond, double upsertedRowsPerSecond) {}

    /** Kafka's producer-perf-test (acks=all, like ingestion) and consumer-perf-test with the events' size. */
    static Kafka kafka(String bootstrap, int recordSize, int records) throws Exception {
        return kafka(bootstrap, recordSize, records, 12);
    }

    /** As above, on a topic of {@code partitions} partitions, as many as the pipeline's topics have. */
    static Kafka kafka(String bootstrap, int recordSize, int records, int partitions) throws Exception {
        String topic = "limits-" + System.nanoTime();
        BenchKafka.createTopic(bootstrap, topic, partitions);
        String produced = captured(() -> ProducerPerformance.main(new String[] {
            "--topic",
            topic,
            "--num-records",
            Integer.toString(records),
            "--record-size",
            Integer.toString(recordSize),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + bootstrap,
            "acks=all",
            "linger.ms=5",
            "batch.size=262144"
        }));
        // "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50, p95, p99, p999."
        String summary = produced.lines()
                .filter(line -> line.startsWith(records + " records sent"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("producer-perf-test said: " + produced));
        String[] parts = summary.split(",");
        double producerRate = Double.parseDouble(parts[1].trim().split(" ")[0]);
        double producerP99 = Double.parseDouble(parts[6].trim().split(" ")[0]);

        String consumed = captured(() -> ConsumerPerformance.main(
                new String[] {"--bootstrap-server", bootstrap, "--topic", topic, "--messages", Integer.toString(records)
                }));
        List<String> lines = consumed.lines().filter(line -> line.contains(",")).toList();
        int header = lines.size() - 2;
        List<String> names =
                Arrays.stream(lines.get(header).split(",")).map(String::trim).toList();
        String[] values = lines.get(header + 1).split(",");
        double consumerRate = Double.parseDouble(values[names.indexOf("nMsg.sec")].trim());
        return new Kafka(producerRate, producerP99, consumerRate);
    }

    /** Reads by primary key (4 clients) and upserts in batches of 500, on a table like the services' own. */
    static Postgres postgres(int rows, int seconds) throws Exception {
        try (Connection connection = BenchDatabase.connect()) {
            connection.createStatement().execute("drop table if exists bench_limits");
            connection.createStatement().execute("create table bench_limits (id text primary key, body jsonb)");
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement upsert = connection.prepareStatement(
                    "insert into bench_limits values (?, ?::jsonb) on conflict (id) do update set body = excluded.body")) {
                for (int i = 0; i < rows; i++) {
                    upsert.setString(1, "c-" + i);
                    upsert.setString(2, "{\"purchases\": " + i + ", \"city\": \"Bandung\"}");
                    upsert.addBatch();
                    if (i % 500 == 499) {
                        upsert.executeBatch();
                        connection.commit();
                    }
                }
                upsert.executeBatch();
                connection.commit();
            }
            double upserts = rows / ((System.nanoTime() - started) / 1e9);
            connection.setAutoCommit(true);
            connection.createStatement().execute("analyze bench_limits");
            return new Postgres(primaryKeyReads(rows, seconds), upserts);
        }
    }

    private static double primaryKeyReads(int rows, int seconds) throws InterruptedException {
        AtomicLong reads = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                Random random = new Random();
                try (Connection connection = BenchDatabase.connect();
                        PreparedStatement select =
                                connection.prepareStatement("select body from bench_limits where id = ?")) {
                    while (System.nanoTime() < end) {
                        select.setString(1, "c-" + random.nextInt(rows));
                        try (ResultSet result = select.executeQuery()) {
                            result.next();
                        }
                        reads.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        return reads.get() / (double) seconds;
    }

    private interface Tool {
        void run() throws Exception;
    }

    /** What a command-line tool printed on standard output. */
    private static String captured(Tool tool) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            tool.run();
        } finally {
            System.setOut(original);
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
