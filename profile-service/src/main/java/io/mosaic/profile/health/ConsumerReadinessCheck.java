package io.mosaic.profile.health;

import io.mosaic.profile.messaging.ProfileConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Unready while batches fail for want of the database or Kafka; the consumers keep retrying meanwhile. */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {
    private final ProfileConsumers consumers;

    public ConsumerReadinessCheck(ProfileConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> failing = consumers.unhealthy();
        return HealthCheckResponse.named("profile-consumers")
                .status(failing.isEmpty())
                .withData("failing", String.join(",", failing))
                .build();
    }
}
