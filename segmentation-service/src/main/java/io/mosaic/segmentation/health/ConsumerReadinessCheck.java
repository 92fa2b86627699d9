package io.mosaic.segmentation.health;

import io.mosaic.segmentation.messaging.InteractionConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Unready while batches fail for want of the database or Kafka; the consumer keeps retrying meanwhile. */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {
    private final InteractionConsumer consumer;

    public ConsumerReadinessCheck(InteractionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("interactions-consumer")
                .status(consumer.healthy())
                .build();
    }
}
