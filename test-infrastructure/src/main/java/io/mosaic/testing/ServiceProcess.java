package io.mosaic.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Mosaic service in its own JVM, as in production, its output in a log file. */
public final class ServiceProcess implements AutoCloseable {
    private final Launch launch;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Launch launch, Process process) {
        this.launch = launch;
        this.process = process;
    }

    /** How a service was started: enough to start it again the same way. */
    private record Launch(
            Path root, String module, int port, Map<String, String> environment, Path log, List<String> jvmOptions) {}

    /**
     * Starts {@code root/module/target/quarkus-app/quarkus-run.jar} on {@code port}; does not wait for it.
     *
     * @param jvmOptions options before {@code -jar}, e.g. {@code -Xmx512m}
     */
    public static ServiceProcess start(
            Path root, String module, int port, Map<String, String> environment, Path log, List<String> jvmOptions)
            throws IOException {
        Files.createDirectories(log.getParent());
        Launch launch = new Launch(root, module, port, Map.copyOf(environment), log, List.copyOf(jvmOptions));
        return new ServiceProcess(launch, launch(launch, ProcessBuilder.Redirect.to(log.toFile())));
    }

    /** Starts this service again, same port and settings, its output appended to the same log; does not wait. */
    public ServiceProcess restart() throws IOException {
        return restart(Map.of());
    }

    /** As {@link #restart()}, with {@code extraEnvironment} for this start only (a test fault, say). */
    public ServiceProcess restart(Map<String, String> extraEnvironment) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(launch.module() + " is still running; stop or kill it first");
        }
        Map<String, String> environment = new java.util.HashMap<>(launch.environment());
        environment.putAll(extraEnvironment);
        Launch once = new Launch(
                launch.root(), launch.module(), launch.port(), environment, launch.log(), launch.jvmOptions());
        return new ServiceProcess(
                launch,
                launch(once, ProcessBuilder.Redirect.appendTo(launch.log().toFile())));
    }

    private static Process launch(Launch launch, ProcessBuilder.Redirect output) throws IOException {
        Path jar = launch.root().resolve(launch.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launch.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(launch.port()));
        builder.environment().put("MOSAIC_STATE_DIR", stateDir(launch).toString());
        builder.redirectErrorStream(true).redirectOutput(output);
        return builder.start();
    }

    /** Where this instance keeps local state (Kafka Streams stores): one directory per instance, kept on restart. */
    public Path stateDir() {
        return stateDir(launch);
    }

    private static Path stateDir(Launch launch) {
        return launch.log()
                .toAbsolutePath()
                .getParent()
                .resolve("state")
                .resolve(launch.module() + "-" + launch.port());
    }

    public String module() {
        return launch.module();
    }

    public int port() {
        return launch.port();
    }

    /**
     * Waits until {@code /q/health/ready} answers 200, calling {@code tick} about once a second meanwhile.
     *
     * @throws IllegalStateException when the service exits or is not ready in time, naming its log
     */
    public void awaitReady(Duration timeout, Runnable tick) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextTick = Instant.now().plusSeconds(1);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        module() + " exited with status " + process.exitValue() + "; see " + log().toAbsolutePath());
            }
            if (isReady()) {
                return;
            }
            if (Instant.now().isAfter(nextTick)) {
                tick.run();
                nextTick = Instant.now().plusSeconds(1);
            }
            Thread.sleep(200); // polling a process we do not control; there is no event to wait on
        }
        throw new IllegalStateException(
                module() + " was not ready within " + timeout + "; see " + log().toAbsolutePath());
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean isReady() throws InterruptedException {
        return get("/q/health/ready") == 200;
    }

    /** The service's Prometheus lines whose names start with {@code prefix}. */
    public String metrics(String prefix) throws IOException, InterruptedException {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        StringBuilder lines = new StringBuilder();
        body.lines()
                .filter(line -> line.startsWith(prefix))
                .forEach(line -> lines.append(line).append('\n'));
        return lines.toString();
    }

    private int get(String path) throws InterruptedException {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return launch.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the JVM at once (SIGKILL), as a crash or an evicted pod would: no shutdown hooks, no commits. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the service as an orchestrator would (SIGTERM), then forcibly after 15 seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
