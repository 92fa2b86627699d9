package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js script of {@code src/test/node/<name>} with its npm packages (versions locked in its
 * {@code package-lock.json}), copied to {@code target/<name>} and installed there once per build.
 */
final class NodeScript {
    private final Path work;

    private NodeScript(Path work) {
        this.work = work;
    }

    /** Copies the script's {@code files} and runs {@code npm ci} unless {@code installed} is already there. */
    static NodeScript install(String name, String installed, String... files) throws Exception {
        Path source = Path.of("src", "test", "node", name);
        Path work = Path.of("target", name);
        Files.createDirectories(work);
        for (String file : List.of(files)) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeScript script = new NodeScript(work);
        if (!Files.isDirectory(work.resolve("node_modules").resolve(installed))) {
            script.run(
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    Map.of(),
                    Duration.ofMinutes(3));
        }
        return script;
    }

    /** Runs {@code command} in the script's folder; fails unless it exits 0 within {@code limit}. Answers its output. */
    String run(List<String> command, Map<String, String> environment, Duration limit) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    command.get(0) + " could not be started; the end-to-end tests need Node.js 18+ and npm on PATH"
                            + " (Debian: apt-get install nodejs npm)",
                    e);
        }
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " said:\n" + output)
                .isZero();
        return output;
    }
}
