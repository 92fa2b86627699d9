package io.mosaic.profile.app;

import io.mosaic.profile.readmodel.ReadModelSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the topology runs (not while it starts, restores or has failed) and the read model is being written
 * (not while PostgreSQL is away: the sink retries meanwhile, and profiles would be stale).
 */
@Readiness
@ApplicationScoped
public class ProfileReadiness implements HealthCheck {
    private final KafkaStreams streams;
    private final ReadModelSink sink;

    public ProfileReadiness(KafkaStreams streams, ReadModelSink sink) {
        this.streams = streams;
        this.sink = sink;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        List<String> failing = sink.failing();
        return HealthCheckResponse.named("profile")
                .status(state.isRunningOrRebalancing() && failing.isEmpty())
                .withData("topology", state.name())
                .withData("read-model", failing.isEmpty() ? "up" : "retrying: " + String.join(",", failing))
                .build();
    }
}
