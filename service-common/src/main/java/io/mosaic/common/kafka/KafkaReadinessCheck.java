package io.mosaic.common.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers and the topics exist. Bounded to a few seconds, so a probe never hangs on a broker
 * that is away (the stock Kafka check waits for the client's default API timeout of a minute).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final TopicProvisioner provisioner;
    private final Admin admin;

    public KafkaReadinessCheck(
            TopicProvisioner provisioner, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.provisioner = provisioner;
        Map<String, Object> adminSettings = new HashMap<>(kafkaConfig);
        adminSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        adminSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(adminSettings);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka");
        try {
            Collection<Node> nodes = admin.describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            response.withData("brokers", nodes.size())
                    .withData("topics", provisioner.provisioned() ? "ready" : "missing");
            return response.status(provisioner.provisioned()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down()
                    .withData("error", "Kafka is not reachable: " + e.getClass().getSimpleName())
                    .build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
