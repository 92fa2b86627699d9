package io.mosaic.persistence;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox in order: sends a page of entries, waits until Kafka has all of them, then deletes them
 * in the same transaction that locked them. A crash in between sends them again (at least once); consumers of
 * the outbox's records treat a repeat as a no-op.
 */
// A service whose state lives elsewhere (segmentation: Kafka Streams) has no such table and turns this off.
@IfBuildProperty(name = "mosaic.persistence.outbox", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int PAGE = 1_000;

    private final Outbox outbox;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration idlePoll;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(
            Outbox outbox,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mosaic.outbox-poll", defaultValue = "50ms") Duration idlePoll,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.outbox = outbox;
        this.idlePoll = idlePoll;
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-outbox");
        this.producer = new KafkaProducer<>(settings);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void run() {
        Duration backoff = idlePoll;
        while (running) {
            try {
                int sent = QuarkusTransaction.requiringNew().call(this::relayPage);
                backoff = idlePoll;
                if (sent < PAGE) {
                    Thread.sleep(idlePoll.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox not relayed (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private int relayPage() throws Exception {
        List<Outbox.Entry> entries = outbox.lockOldest(PAGE);
        if (entries.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        for (Outbox.Entry entry : entries) {
            acks.add(producer.send(new ProducerRecord<>(entry.topic(), entry.key(), entry.payload())));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        outbox.delete(entries);
        return entries.size();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
