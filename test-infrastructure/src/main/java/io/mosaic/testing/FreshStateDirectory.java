package io.mosaic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A state directory of its own for the topology of each test run: the broker is new in every run, so stores left
 * by an earlier run would name changelog offsets that no longer exist.
 */
public class FreshStateDirectory implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            return Map.of(
                    "kafka-streams.state.dir",
                    Files.createTempDirectory("topology-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {}
}
