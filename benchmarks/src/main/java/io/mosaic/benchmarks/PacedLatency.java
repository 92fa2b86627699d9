package io.mosaic.benchmarks;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.SegmentChange;
import io.mosaic.segmentation.stream.SegmentationTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Event to segment change under a fixed rate: each event is a new customer's first, so each must put its customer in
 * {@code new-customers}; the delay runs from the event's send to the change being read by a read-committed consumer
 * (so it includes the exactly-once commit that makes the change visible).
 */
final class PacedLatency {
    record Result(long sent, long seen, long p50, long p99, long max) {}

    private PacedLatency() {}

    static Result measure(String bootstrap, SegmentationTopology.Topics topics, int rate, int seconds)
            throws Exception {
        int count = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram delays = new Histogram(3);
        AtomicBoolean assigned = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(bootstrap, topics.segmentChanges(), sentAt, delays, assigned, running));
        watcher.start();
        while (!assigned.get()) {
            Thread.sleep(20);
        }
        EventStream stream = new EventStream("paced", count, 7, Instant.now());
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = BenchKafka.producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                long due = started + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                InteractionEvent event = stream.next("paced");
                String key = InteractionEvent.key(event.tenant(), event.customerId());
                sentAt.put(key, System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topics.interactions(), key, EventJson.toBytes(event)));
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!sentAt.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        running.set(false);
        watcher.join();
        synchronized (delays) {
            return new Result(
                    count,
                    delays.getTotalCount(),
                    delays.getValueAtPercentile(50),
                    delays.getValueAtPercentile(99),
                    delays.getMaxValue());
        }
    }

    private static void watch(
            String bootstrap,
            String topic,
            Map<String, Long> sentAt,
            Histogram delays,
            AtomicBoolean assigned,
            AtomicBoolean running) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("group.id", "paced-" + System.nanoTime());
        settings.put("auto.offset.reset", "latest");
        settings.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.assignment().forEach(partition -> consumer.position(partition)); // fix the start before sending
            assigned.set(true);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    Long sent = sentAt.get(record.key());
                    if (sent == null || !entered(record.value())) {
                        continue;
                    }
                    sentAt.remove(record.key());
                    synchronized (delays) {
                        delays.recordValue(Math.max(0, now - sent));
                    }
                }
            }
        }
    }

    private static boolean entered(byte[] value) {
        try {
            SegmentChange change = EventJson.mapper().readValue(value, SegmentChange.class);
            return change.segmentId().equals("new-customers") && change.change() == SegmentChange.Change.ENTERED;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
