package io.mosaic.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Mosaic service in its own JVM, its output in a log file; stopped with the platform. */
final class ServiceProcess implements AutoCloseable {
    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    static ServiceProcess start(String module, int port, Map<String, String> environment, Path logs)
            throws IOException {
        Path jar = Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B install -DskipTests");
        }
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx512m", "-jar", jar.toString()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true)
                .redirectOutput(logs.resolve(module + ".log").toFile());
        return new ServiceProcess(builder.start());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
