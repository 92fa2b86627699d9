package io.mosaic.benchmarks;

import io.mosaic.events.EventJson;
import io.mosaic.events.EventType;
import io.mosaic.events.Identifiers;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.events.Topics;
import io.mosaic.events.properties.CustomerIdentified;
import io.mosaic.events.properties.Traits;
import io.mosaic.testing.EmbeddedKafka;
import io.mosaic.testing.ServiceProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Loads profiles into the profile service (its packaged jar, in its own JVM, on a real Kafka and PostgreSQL on this
 * machine) through the event log, then reads them over HTTP and reports reads per second and p50/p99 latency by id
 * and by email, beside a plain primary-key SELECT on the same PostgreSQL (the floor).
 *
 * <p>Fixed-rate runs are open loop: each read is due at its slot and its latency counts from the slot, so a stall
 * shows in the figures instead of slowing the load down (no coordinated omission).
 *
 * <p>Run: {@code benchmarks/run-profile.sh [profiles=100000] [rate=1000] [seconds=30]}.
 */
public final class ProfileReadBenchmark {
    private static final String TENANT = "bench";
    private static final String GROUP = "mosaic-profile-topology";
    private static final String[] SERVICE_HEADERS = {
        PlatformHeaders.INTERNAL_TOKEN, "benchmark", PlatformHeaders.TENANT, TENANT
    };
    private static final String[] CITIES = {"Jakarta", "Bandung", "Surabaya", "Medan", "Denpasar", "Yogyakarta"};

    public static void main(String[] args) throws Exception {
        BenchLogging.warningsOnly();
        int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String bootstrap = EmbeddedKafka.bootstrapServers();
        String jdbcUrl = BenchDatabase.jdbcUrl();
        Path logs = Files.createDirectories(Path.of("benchmarks", "target"));
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                "PROFILE_DB_URL",
                jdbcUrl,
                "PROFILE_DB_USER",
                BenchDatabase.USER,
                "PROFILE_DB_PASSWORD",
                BenchDatabase.PASSWORD,
                "MOSAIC_INTERNAL_TOKEN",
                "benchmark");
        System.out.printf("Kafka %s, PostgreSQL %s; starting profile-service...%n", bootstrap, jdbcUrl);
        StringBuilder report = new StringBuilder("# Profile read benchmark (" + Instant.now() + ")\n\n");
        try (ServiceProcess service =
                BenchServices.start("profile-service", environment, logs.resolve("profile-service.log"))) {
            long loadMillis = load(bootstrap, profiles);
            report.append(String.format(
                    "%,d profiles loaded through mosaic.interactions in %,d ms (%,.0f events/s applied).%n%n",
                    profiles, loadMillis, profiles * 1000.0 / loadMillis));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://localhost:" + service.port() + "/v1/profiles";
            Random random = new Random(11);
            IntConsumer byId = i -> Loads.get(http, base + "/c-" + random(random, profiles), SERVICE_HEADERS);
            IntConsumer byEmail = i ->
                    Loads.get(http, base + "?email=c-" + random(random, profiles) + "%40tokoku.id", SERVICE_HEADERS);
            IntConsumer httpFloor =
                    i -> Loads.get(http, "http://localhost:" + service.port() + "/q/health/live", SERVICE_HEADERS);
            try (Connection connection = BenchDatabase.connect();
                    PreparedStatement select = connection.prepareStatement(
                            "select * from profile.profile where tenant = ? and customer_id = ?")) {
                IntConsumer floor = i -> selectByKey(select, "c-" + random(random, profiles));
                warmUp(rate, byId, byEmail, floor, httpFloor);
                report.append(
                        "| reads | rate | reads/s done | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
                report.append(Loads.openLoop("GET by id", byId, rate, seconds, 64));
                report.append(Loads.openLoop("GET by email", byEmail, rate, seconds, 64));
                report.append(Loads.openLoop("plain PK SELECT (floor, JDBC, one connection)", floor, rate, seconds, 1));
                report.append(Loads.openLoop(
                        "GET /q/health/live (HTTP floor: same client, no database)", httpFloor, rate, seconds, 64));
                report.append(Loads.closedLoop("GET by id, as fast as 8 clients go", byId, 8, seconds));
                report.append(Loads.closedLoop("GET by email, as fast as 8 clients go", byEmail, 8, seconds));
                report.append(Loads.closedLoop("plain PK SELECT, as fast as one connection goes", floor, 1, seconds));
            }
            report.append("\n## Service metrics\n\n```\n")
                    .append(service.metrics("http_server_requests_seconds"))
                    .append("```\n");
        }
        Files.writeString(logs.resolve("profile-benchmark.md"), report);
        System.out.println(report);
        System.exit(0);
    }

    /** One customer.identified per profile, with an email, a phone and traits; waits until all are applied. */
    static long load(String bootstrap, int profiles) throws Exception {
        System.out.printf("loading %,d profiles...%n", profiles);
        long started = System.currentTimeMillis();
        AtomicLong failures = new AtomicLong();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = BenchKafka.producer(bootstrap)) {
            for (int i = 0; i < profiles; i++) {
                InteractionEvent event = new InteractionEvent(
                        "load-" + i,
                        EventType.CUSTOMER_IDENTIFIED,
                        now.minusSeconds(i),
                        now,
                        TENANT,
                        "bench",
                        "c-" + i,
                        null,
                        new Identifiers(
                                "c-" + i + "@tokoku.id", String.format("+62812%08d", i), null, Map.of("shop", "S" + i)),
                        new CustomerIdentified(
                                new Traits(
                                        new Traits.Demographic(
                                                1970 + i % 40, null, i % 2 == 0 ? "female" : "male", null, null, null),
                                        new Traits.Geographic("ID", null, CITIES[i % CITIES.length], null, null),
                                        new Traits.Psychographic(List.of("coffee", "travel"), null, null, null),
                                        Map.of()),
                                Map.of()),
                        InteractionEvent.SCHEMA_VERSION);
                producer.send(
                        new ProducerRecord<>(Topics.INTERACTIONS, event.key(), EventJson.toBytes(event)), (m, e) -> {
                            if (e != null) {
                                failures.incrementAndGet();
                            }
                        });
                if (i > 0 && i % 20_000 == 0) {
                    System.out.printf("  sent %,d%n", i);
                }
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " events were not written to Kafka");
        }
        System.out.println("  sent; waiting for the service to apply them...");
        long applied = BenchKafka.awaitApplied(bootstrap, GROUP) - started;
        // Fresh planner statistics, as autovacuum keeps them in a running system; a bulk load outruns it.
        try (Connection connection = BenchDatabase.connect()) {
            connection.createStatement().execute("analyze");
        }
        return applied;
    }

    /** The same load for a while first, so that the figures are of compiled code and warm caches. */
    private static void warmUp(int rate, IntConsumer... reads) throws InterruptedException {
        for (IntConsumer read : reads) {
            Loads.openLoop("warm-up", read, rate, 15, 64);
        }
    }

    private static int random(Random random, int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private static void selectByKey(PreparedStatement select, String customerId) {
        synchronized (select) {
            try {
                select.setString(1, TENANT);
                select.setString(2, customerId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no profile " + customerId);
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
