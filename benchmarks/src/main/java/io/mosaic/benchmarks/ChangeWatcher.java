package io.mosaic.benchmarks;

import io.mosaic.events.EventJson;
import io.mosaic.events.SegmentChange;
import io.mosaic.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads mosaic.segment-changes in the background and remembers when each customer first entered new-customers.
 * It starts at the topic's end and parses only the changes of the keys it watches: a watcher that first works
 * through earlier phases' changes, or every tenant's, reports its own backlog as the pipeline's delay.
 */
final class ChangeWatcher implements AutoCloseable {
    private final Map<String, Long> entered = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** Watches every key. */
    ChangeWatcher(String bootstrap) {
        this(bootstrap, "");
    }

    /** Watches the keys that start with {@code keyPrefix} (a tenant's: {@code "tenant:"}). */
    ChangeWatcher(String bootstrap, String keyPrefix) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("isolation.level", "read_committed"); // what any consumer of the changes sees
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEGMENT_CHANGES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException(Topics.SEGMENT_CHANGES + " does not exist: start segmentation first");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolved now, before the load this watcher times begins
        thread = new Thread(
                () -> {
                    try (consumer) {
                        while (running.get()) {
                            var records = consumer.poll(Duration.ofMillis(200));
                            long received = System.currentTimeMillis();
                            for (ConsumerRecord<String, String> record : records) {
                                if (!record.key().startsWith(keyPrefix)) {
                                    continue;
                                }
                                SegmentChange change =
                                        EventJson.mapper().readValue(record.value(), SegmentChange.class);
                                if (change.segmentId().equals("new-customers")
                                        && change.change() == SegmentChange.Change.ENTERED) {
                                    entered.putIfAbsent(record.key(), received);
                                }
                            }
                        }
                    } catch (Exception e) {
                        if (running.get()) {
                            e.printStackTrace();
                        }
                    }
                },
                "change-watcher");
        thread.start();
    }

    Long firstEntered(String key) {
        return entered.get(key);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
