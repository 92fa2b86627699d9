package io.mosaic.persistence;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Forgets applied event ids after the retry window, so the dedup table stays bounded. */
// A service whose state lives elsewhere (segmentation: Kafka Streams) has no such table and turns this off.
@IfBuildProperty(name = "mosaic.persistence.event-dedup", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class EventIdRetention {
    private final EventDedup dedup;
    private final Clock clock;
    private final Duration window;

    public EventIdRetention(
            EventDedup dedup,
            Clock clock,
            @ConfigProperty(name = "mosaic.dedup-window", defaultValue = "7d") Duration window) {
        this.dedup = dedup;
        this.clock = clock;
        this.window = window;
    }

    @Scheduled(every = "1h", delayed = "1m")
    void prune() {
        dedup.forgetBefore(clock.instant().minus(window));
    }
}
