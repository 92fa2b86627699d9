package io.mosaic.segmentation.app;

import io.mosaic.segmentation.destinations.DeliveryEnqueuer;
import io.mosaic.segmentation.readmodel.MembershipConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the topology runs (not while it starts, restores or has failed) and the membership read model is being
 * written (not while PostgreSQL is away: the sink retries meanwhile, and members would be stale).
 */
@Readiness
@ApplicationScoped
public class SegmentationReadiness implements HealthCheck {
    private final KafkaStreams streams;
    private final MembershipConsumer memberships;
    private final DeliveryEnqueuer destinations;

    public SegmentationReadiness(KafkaStreams streams, MembershipConsumer memberships, DeliveryEnqueuer destinations) {
        this.streams = streams;
        this.memberships = memberships;
        this.destinations = destinations;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("segmentation")
                .status(state.isRunningOrRebalancing() && memberships.healthy() && destinations.healthy())
                .withData("topology", state.name())
                .withData("read-model", memberships.healthy() ? "up" : "retrying")
                .withData("delivery-queue", destinations.healthy() ? "up" : "retrying")
                .build();
    }
}
