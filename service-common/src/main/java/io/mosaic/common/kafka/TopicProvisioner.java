package io.mosaic.common.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.jboss.logging.Logger;

/**
 * Creates the topics a service needs when they are missing. Kafka may come up after this service, so it
 * keeps trying in the background; until it succeeds the service reports itself not ready.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final long MAX_BACKOFF_SECONDS = 30;

    private final Map<String, Object> kafkaConfig;
    private final TopicsConfig config;
    private final RequiredTopics required;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "topic-provisioner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean provisioned;

    public TopicProvisioner(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TopicsConfig config,
            RequiredTopics required) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.required = required;
    }

    void onStart(@Observes StartupEvent event) {
        retries.execute(() -> attempt(1));
    }

    void onStop(@Observes ShutdownEvent event) {
        retries.shutdownNow();
    }

    public boolean provisioned() {
        return provisioned;
    }

    private void attempt(long backoffSeconds) {
        try {
            provision();
            provisioned = true;
        } catch (ExecutionException | RuntimeException e) {
            LOG.warnf(
                    "Could not create the Kafka topics yet (%s); retrying in %d s. Check that Kafka is running at"
                            + " kafka.bootstrap.servers=%s.",
                    e.getMessage(), backoffSeconds, kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
            retries.schedule(
                    () -> attempt(Math.min(backoffSeconds * 2, MAX_BACKOFF_SECONDS)), backoffSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void provision() throws ExecutionException, InterruptedException {
        Map<String, Object> adminSettings = new HashMap<>(kafkaConfig);
        adminSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        adminSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(adminSettings)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = required.topics().stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> topic.toNewTopic(config))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                LOG.infof(
                        "Created topics %s",
                        missing.stream().map(NewTopic::name).toList());
            }
            warnOnPartitionMismatch(admin, existing);
        }
    }

    /** Checks the topics that existed before; new ones were just created as configured. */
    private void warnOnPartitionMismatch(Admin admin, Set<String> existing)
            throws ExecutionException, InterruptedException {
        List<String> names = required.topics().stream()
                .map(TopicSpec::name)
                .filter(existing::contains)
                .toList();
        for (TopicDescription description :
                admin.describeTopics(names).allTopicNames().get().values()) {
            if (description.partitions().size() != config.partitions()) {
                // Never changed automatically: more partitions move customers to others and break their order.
                LOG.warnf(
                        "Topic %s has %d partitions, configuration asks for %d; left as it is.",
                        description.name(), description.partitions().size(), config.partitions());
            }
        }
    }
}
