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
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads mosaic.segment-changes in the background and remembers when each customer first entered new-customers. */
final class ChangeWatcher implements AutoCloseable {
    private final Map<String, Long> entered = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ChangeWatcher(String bootstrap) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("group.id", "benchmark-watcher-" + System.nanoTime());
        settings.put("auto.offset.reset", "earliest");
        settings.put("isolation.level", "read_committed"); // what any consumer of the changes sees
        thread = new Thread(
                () -> {
                    try (KafkaConsumer<String, String> consumer =
                            new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
                        consumer.subscribe(List.of(Topics.SEGMENT_CHANGES));
                        while (running.get()) {
                            var records = consumer.poll(Duration.ofMillis(200));
                            long received = System.currentTimeMillis();
                            for (ConsumerRecord<String, String> record : records) {
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
