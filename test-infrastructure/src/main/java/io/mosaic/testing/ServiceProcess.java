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
    private final String module;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(String module, Process process, int port, Path log) {
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code root/module/target/quarkus-app/quarkus-run.jar} on {@code port}; does not wait for it.
     *
     * @param jvmOptions options before {@code -jar}, e.g. {@code -Xmx512m}
     */
    public static ServiceProcess start(
            Path root, String module, int port, Map<String, String> environment, Path log, List<String> jvmOptions)
            throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B install -DskipTests");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServiceProcess(module, builder.start(), port, log);
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
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
                        module + " exited with status " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (get("/q/health/ready") == 200) {
                return;
            }
            if (Instant.now().isAfter(nextTick)) {
                tick.run();
                nextTick = Instant.now().plusSeconds(1);
            }
            Thread.sleep(200); // polling a process we do not control; there is no event to wait on
        }
        throw new IllegalStateException(module + " was not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** The service's Prometheus lines whose names start with {@code prefix}. */
    public String metrics(String prefix) throws IOException, InterruptedException {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
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
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
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
