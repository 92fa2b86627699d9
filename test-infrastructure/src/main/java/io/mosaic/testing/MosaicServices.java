package io.mosaic.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services as packaged jars, each in its own JVM, wired to one Kafka and one PostgreSQL database the way
 * a deployment wires them: the gateway reaches the others by URL, all share the internal token.
 */
public final class MosaicServices implements AutoCloseable {
    public static final String GATEWAY = "api-gateway";
    /** In start order: the gateway last, so that it finds the others up. */
    public static final List<String> MODULES =
            List.of("ingestion-service", "profile-service", "segmentation-service", GATEWAY);

    /** Told what happens, for a person watching. */
    public interface Progress {
        void step(String message);

        /** About once a second while waiting. */
        default void tick() {}
    }

    /**
     * A fixed heap. Left to float, G1 shrank the gateway's to about 80 MB under load: a young collection every 3 s
     * and a marking cycle every 6 s, with pauses of 12-53 ms, at 1,000 reads/s.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m");

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final List<ServiceProcess> running = new ArrayList<>();
    private final Path root;
    private final Map<String, String> environment;
    private final Path logs;

    private MosaicServices(Path root, Map<String, String> environment, Path logs) {
        this.root = root;
        this.environment = environment;
        this.logs = logs;
    }

    /**
     * Starts every service and waits until all are ready; stops those already started when one fails.
     *
     * @param root the repository's root directory, where the modules are
     * @param ports the HTTP port of each of {@link #MODULES}
     * @param extraEnvironment secrets and any other settings given to every service
     */
    public static MosaicServices start(
            Path root,
            String kafkaBootstrapServers,
            String jdbcUrl,
            Map<String, Integer> ports,
            Map<String, String> extraEnvironment,
            Path logs,
            Progress progress)
            throws IOException, InterruptedException {
        Map<String, String> environment = environment(kafkaBootstrapServers, jdbcUrl, ports);
        environment.putAll(extraEnvironment);
        MosaicServices services = new MosaicServices(root, environment, logs);
        try {
            for (String module : MODULES) {
                Path log = logs.resolve(module + ".log");
                progress.step("Starting " + module + " on port " + ports.get(module) + " (log: " + log + ")");
                services.running.add(
                        ServiceProcess.start(root, module, ports.get(module), environment, log, JVM_OPTIONS));
            }
            for (ServiceProcess service : services.running) {
                progress.step("Waiting for " + service.module() + " to be ready");
                service.awaitReady(READY_WITHIN, progress::tick);
            }
            return services;
        } catch (IOException | InterruptedException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** What every service reads from its environment to find Kafka, its database and the other services. */
    static Map<String, String> environment(String kafkaBootstrapServers, String jdbcUrl, Map<String, Integer> ports) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        for (String prefix : List.of("SEGMENTATION", "PROFILE", "GATEWAY")) {
            environment.put(prefix + "_DB_URL", jdbcUrl);
            environment.put(prefix + "_DB_USER", EmbeddedDatabase.USER);
            environment.put(prefix + "_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
        }
        // The gateway serves ready profiles from the profile service's read model (same database and user here).
        environment.put("GATEWAY_PROFILES_DB_URL", EmbeddedDatabase.reactiveUrl(jdbcUrl));
        for (String module : List.of("ingestion-service", "profile-service", "segmentation-service")) {
            environment.put(urlVariable(module), "http://localhost:" + ports.get(module));
        }
        return environment;
    }

    /** {@code profile-service} -> {@code PROFILE_URL}, the variable the gateway reads. */
    public static String urlVariable(String module) {
        return module.replace("-service", "").toUpperCase() + "_URL";
    }

    public int port(String module) {
        return instance(module).port();
    }

    /** The first instance of {@code module} started, running or not. */
    public synchronized ServiceProcess instance(String module) {
        return running.stream()
                .filter(service -> service.module().equals(module))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no instance of " + module + " is running"));
    }

    /** Starts one more instance of {@code module} (same group, same database, its own port) and waits for it. */
    public ServiceProcess startInstance(String module) throws IOException, InterruptedException {
        String name;
        synchronized (this) {
            name = module + "-"
                    + (running.stream().filter(s -> s.module().equals(module)).count() + 1);
        }
        ServiceProcess added = ServiceProcess.start(
                root, module, ServiceProcess.freePort(), environment, logs.resolve(name + ".log"), JVM_OPTIONS);
        return ready(added);
    }

    /** Stops an instance for good (SIGTERM), as scaling down would. */
    public void stopInstance(ServiceProcess instance) throws InterruptedException {
        instance.close();
        synchronized (this) {
            running.remove(instance);
        }
    }

    /** Starts a stopped or killed instance again on its port and waits until it is ready. */
    public ServiceProcess restart(ServiceProcess stopped) throws IOException, InterruptedException {
        ServiceProcess started = stopped.restart();
        synchronized (this) {
            running.set(running.indexOf(stopped), started);
        }
        return ready(started);
    }

    /**
     * Starts a stopped or killed instance again with {@code extraEnvironment} for this start only, without waiting:
     * for a test fault that may end the process before it reports ready.
     */
    public ServiceProcess relaunch(ServiceProcess stopped, Map<String, String> extraEnvironment) throws IOException {
        ServiceProcess started = stopped.restart(extraEnvironment);
        synchronized (this) {
            running.set(running.indexOf(stopped), started);
        }
        return started;
    }

    private ServiceProcess ready(ServiceProcess started) throws InterruptedException {
        synchronized (this) {
            if (!running.contains(started)) {
                running.add(started);
            }
        }
        started.awaitReady(READY_WITHIN, () -> {});
        return started;
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(GATEWAY);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
