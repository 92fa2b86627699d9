package io.mosaic.ingestion.messaging;

import io.mosaic.ingestion.config.IngestionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Creates the topics ingestion writes to when they are missing. Kafka may come up after this service, so it
 * keeps trying in the background; until it succeeds the service reports itself not ready.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final long MAX_BACKOFF_SECONDS = 30;

    private final ProducerSettings settings;
    private final IngestionConfig.Topics topics;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "topic-provisioner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean provisioned;

    public TopicProvisioner(ProducerSettings settings, IngestionConfig config) {
        this.settings = settings;
        this.topics = config.topics();
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
                    e.getMessage(), backoffSeconds, settings.admin().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
            retries.schedule(
                    () -> attempt(Math.min(backoffSeconds * 2, MAX_BACKOFF_SECONDS)), backoffSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void provision() throws ExecutionException, InterruptedException {
        Map<String, Object> adminSettings = settings.admin();
        adminSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        adminSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(adminSettings)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = List.of(topics.interactions(), topics.interactionsDlq()).stream()
                    .filter(name -> !existing.contains(name))
                    .map(this::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                LOG.infof(
                        "Created topics %s",
                        missing.stream().map(NewTopic::name).toList());
            }
            warnOnPartitionMismatch(admin);
        }
    }

    private NewTopic newTopic(String name) {
        String minInSync = Integer.toString(Math.min(2, topics.replicationFactor()));
        return new NewTopic(name, topics.partitions(), topics.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(topics.retention().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        minInSync));
    }

    private void warnOnPartitionMismatch(Admin admin) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topics.interactions()))
                .allTopicNames()
                .get()
                .get(topics.interactions());
        if (description.partitions().size() != topics.partitions()) {
            // Never changed automatically: adding partitions moves customers to other partitions and breaks order.
            LOG.warnf(
                    "Topic %s has %d partitions, configuration asks for %d; left as it is.",
                    topics.interactions(), description.partitions().size(), topics.partitions());
        }
    }
}
