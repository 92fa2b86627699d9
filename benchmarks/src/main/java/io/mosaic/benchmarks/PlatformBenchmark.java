package io.mosaic.benchmarks;

import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.MosaicServices;
import io.mosaic.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * The whole pipeline through the gateway, each figure beside the physical limit measured in the same run on the
 * same broker and database: {@code benchmarks/run-platform.sh [key=value ...]}. Writes
 * {@code benchmarks/target/platform-report.md} and {@code platform-report.png}.
 */
public final class PlatformBenchmark {
    static final String ADMIN_KEY = "benchmark-admin-key";
    private static final String INTERNAL_TOKEN = "benchmark-internal-token";
    static final List<String> CONSUMER_GROUPS = List.of(
            "mosaic-segmentation",
            "mosaic-segmentation-memberships",
            "mosaic-profile-topology",
            "mosaic-profile-read-model-documents",
            "mosaic-profile-read-model-timeline");

    private final Map<String, String> options;
    private final String bootstrap;
    private final String gateway;
    private final String profileService;
    private final CostPerEvent cost;
    private final PlatformReport report = new PlatformReport();

    private PlatformBenchmark(Map<String, String> options, String bootstrap, MosaicServices services) {
        this.options = options;
        this.bootstrap = bootstrap;
        this.gateway = services.gatewayUrl();
        this.profileService = "http://localhost:" + services.port("profile-service");
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String module : MosaicServices.MODULES) {
            pids.put(module, services.instance(module).pid());
        }
        this.cost = new CostPerEvent(pids, bootstrap);
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        try {
            runAll(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // as below: the embedded Kafka would keep a failed run's JVM alive
        }
        System.exit(0); // the embedded Kafka's threads would keep the JVM alive; its shutdown hook stops it
    }

    private static void runAll(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        // untimed events at 2,000/s first: a platform that has run all day has compiled its event path
        options.put("warm-up-seconds", "60");
        options.put("batch-customers", "20000");
        options.put("fresh-seconds", "60");
        options.put("fresh-rate", "5000");
        options.put("fresh-profile-sample", "10"); // every n-th new customer's profile is polled; 0: none
        options.put("steps", "5000,10000,15000,20000");
        options.put("step-seconds", "300");
        options.put("profiles", "100000");
        options.put("read-rate", "1000");
        options.put("read-settle-seconds", "60");
        options.put("read-seconds", "30");
        options.put("read-ingest-rate", "2000"); // events/s through the gateway while the reads are timed
        // Partitions of every topic: one per core, as a deployment on one machine would have. Each partition costs
        // on every commit (a transaction marker, a batch, a fetch entry), whether events land on it or not.
        options.put("partitions", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // or "reads": the read phase alone; "sustained": all but the reads (the phases before warm every JIT up)
        options.put("phases", "all");
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                System.err.println("unknown option " + arg + "; options and defaults: " + options);
                System.exit(2);
            }
            options.put(pair[0], pair[1]);
        }
        if (!List.of("all", "reads", "sustained").contains(options.get("phases"))) {
            System.err.println("phases must be all, reads or sustained, not " + options.get("phases"));
            System.exit(2);
        }
        int partitions = partitions(options.get("partitions"));
        Path logs = Files.createDirectories(Path.of("benchmarks", "target"));
        // The broker is new on every run, but a service's state directory is named after its port: Kafka Streams
        // state left by an earlier run on a port drawn again names offsets the new broker never had, and the
        // segmentation topology stopped at once (its global store cannot recover without a restart).
        Utils.delete(logs.resolve("platform-logs").resolve("state").toFile());
        String bootstrap = EmbeddedKafka.bootstrapServers();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String module : MosaicServices.MODULES) {
            ports.put(module, ServiceProcess.freePort());
        }
        System.out.println("==> Starting the four services (logs in benchmarks/target/platform-logs/)");
        try (MosaicServices services = MosaicServices.start(
                Path.of("."),
                bootstrap,
                BenchDatabase.jdbcUrl(),
                ports,
                serviceEnvironment(partitions),
                logs.resolve("platform-logs"),
                message -> System.out.println("    " + message))) {
            PlatformBenchmark benchmark = new PlatformBenchmark(options, bootstrap, services);
            if (options.get("phases").equals("reads")) {
                benchmark.reads();
                System.out.println("==> Profile-read phase alone: figures above, no report written");
                return;
            }
            if (options.get("phases").equals("sustained")) {
                benchmark.pipeline();
                System.out.println("==> All but the reads: figures above, no report written");
                return;
            }
            benchmark.run();
            benchmark.report.write(logs.resolve("platform-report.md"), logs.resolve("platform-report.png"), options);
            System.out.println("==> Report: benchmarks/target/platform-report.md and platform-report.png");
        }
    }

    private static int partitions(String option) {
        try {
            int partitions = Integer.parseInt(option);
            if (partitions >= 1 && partitions <= 64) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // refused below, with what to give instead
        }
        System.err.println("partitions must be a whole number from 1 to 64, not " + option);
        System.exit(2);
        return 0;
    }

    /**
     * Secrets, no rate limit, the topics' partitions, and MOSAIC_BENCH_JVM_OPTS (e.g. a JFR recording) for every
     * service's JVM.
     */
    private static Map<String, String> serviceEnvironment(int partitions) {
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "MOSAIC_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "MOSAIC_GATEWAY_KEY_PEPPER", "benchmark-pepper-of-enough-length",
                "MOSAIC_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY,
                "MOSAIC_RATE_LIMIT_RATE", "1000000",
                "MOSAIC_RATE_LIMIT_BURST", "1000000"));
        environment.put("MOSAIC_TOPIC_PARTITIONS", Integer.toString(partitions));
        String jvmOptions = System.getenv("MOSAIC_BENCH_JVM_OPTS");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        return environment;
    }

    private void run() throws Exception {
        int eventSize = DemoBatches.averageEventSize();
        step("Physical limits: Kafka's producer and consumer perf tools (" + eventSize + "-byte records), PostgreSQL");
        report.kafka = PhysicalLimits.kafka(bootstrap, eventSize, 300_000, Integer.parseInt(options.get("partitions")));
        report.postgres = PhysicalLimits.postgres(100_000, 10);
        report.eventSize = eventSize;

        pipeline();
        reads();
    }

    /** Every phase but the profile reads, in order. */
    private void pipeline() throws Exception {
        IngestionRun.warmUp(
                GatewayClient.forTenant(gateway, ADMIN_KEY, "bench-warm-up"),
                Integer.parseInt(options.get("warm-up-seconds")));
        IngestionRun.flatOut(
                GatewayClient.forTenant(gateway, ADMIN_KEY, "bench-batch"),
                Integer.parseInt(options.get("batch-customers")),
                report);
        IngestionRun.singleEvents(GatewayClient.forTenant(gateway, ADMIN_KEY, "bench-single"), report);
        // Twice, on two tenants: the first round's rate and reads are new to every JVM, whose compilers took about
        // 0.6 cores in it against 0.1-0.2 in the sustained step (docs/TOOLCHAIN.md); the second is of record.
        FreshnessRun.Plan fresh = new FreshnessRun.Plan(
                Integer.parseInt(options.get("fresh-rate")),
                Integer.parseInt(options.get("fresh-seconds")),
                Integer.parseInt(options.get("fresh-profile-sample")));
        for (String tenant : List.of("bench-fresh-first", "bench-fresh")) {
            FreshnessRun.measure(
                    GatewayClient.forTenant(gateway, ADMIN_KEY, tenant),
                    tenant,
                    bootstrap,
                    fresh,
                    tenant.equals("bench-fresh") ? report : null);
        }
        sustained();
    }

    private void sustained() throws Exception {
        SustainedRun.measure(
                GatewayClient.forTenant(gateway, ADMIN_KEY, "bench-sustained"),
                Integer.parseInt(options.get("step-seconds")),
                options.get("steps"),
                cost,
                report);
    }

    private void reads() throws Exception {
        ProfileReadRun.measure(
                GatewayClient.forTenant(gateway, ADMIN_KEY, "bench-reads"),
                gateway,
                profileService,
                "bench-reads",
                INTERNAL_TOKEN,
                new ProfileReadRun.Plan(
                        Integer.parseInt(options.get("profiles")),
                        Integer.parseInt(options.get("read-rate")),
                        Integer.parseInt(options.get("read-settle-seconds")),
                        Integer.parseInt(options.get("read-seconds")),
                        Integer.parseInt(options.get("read-ingest-rate"))),
                cost,
                report);
    }

    static void check(long failures, String what) {
        if (failures > 0) {
            throw new IllegalStateException(failures + " " + what + " were not accepted; the figures would be wrong");
        }
    }

    /** A progress line with the wall-clock time, to line the run up with the services' logs. */
    static void step(String message) {
        System.out.println("==> " + java.time.LocalTime.now().withNano(0) + " " + message);
    }
}
