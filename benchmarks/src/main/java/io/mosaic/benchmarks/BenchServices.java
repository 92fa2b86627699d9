package io.mosaic.benchmarks;

import io.mosaic.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a packaged service for a benchmark, on a free port, and waits until it is ready. */
final class BenchServices {
    private BenchServices() {}

    static ServiceProcess start(String module, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        String extra = System.getenv("MOSAIC_BENCH_JVM_OPTS"); // e.g. -XX:StartFlightRecording=filename=x.jfr
        if (extra != null && !extra.isBlank()) {
            jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        ServiceProcess service =
                ServiceProcess.start(Path.of("."), module, ServiceProcess.freePort(), environment, log, jvmOptions);
        try {
            service.awaitReady(Duration.ofSeconds(90), () -> {});
            return service;
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
    }
}
