package io.mosaic.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka side of a benchmark: a producer like ingestion's, and a wait for a consumer group to catch up. */
final class BenchKafka {
    private BenchKafka() {}

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("acks", "all");
        settings.put("enable.idempotence", "true");
        settings.put("linger.ms", "5");
        settings.put("compression.type", "lz4");
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the topic and waits until every partition has a leader: a producer that starts sooner gets
     * NOT_LEADER_OR_FOLLOWER from the broker for a while, and Kafka's producer-perf-test then loses records.
     */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!hasLeaders(admin, topic)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " has partitions without a leader after 30 s");
                }
                Thread.sleep(100); // polling the broker's metadata: there is no event to wait on
            }
        }
    }

    /** Whether every partition has a leader; false while the broker does not know the new topic yet. */
    private static boolean hasLeaders(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .allMatch(partition ->
                            partition.leader() != null && !partition.leader().isEmpty());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        }
    }

    /**
     * By topic, the sum of its partitions' log end offsets: every entry the broker appended (records, transaction
     * markers), for the topics {@code chosen} picks; internal topics (offsets, transactions) are offered too.
     */
    static Map<String, Long> logEndsByTopic(String bootstrap, java.util.function.Predicate<String> chosen)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> topics = admin
                    .listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names()
                    .get()
                    .stream()
                    .filter(chosen)
                    .toList();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(partition ->
                                    ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<String, Long> byTopic = new HashMap<>();
            admin.listOffsets(ends)
                    .all()
                    .get()
                    .forEach((partition, end) -> byTopic.merge(partition.topic(), end.offset(), Long::sum));
            return byTopic;
        }
    }

    /** Waits until the group's committed offsets reach the end of its topics; answers when that was seen. */
    static long awaitApplied(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get());
                // Only the events: a Kafka Streams group also commits the topics it writes to itself (handovers),
                // where a transaction's commit marker keeps the end one offset beyond the last record read.
                committed
                        .keySet()
                        .removeIf(partition -> !partition.topic().equals(io.mosaic.events.Topics.INTERACTIONS));
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                long lag = committed.entrySet().stream()
                        .mapToLong(entry -> ends.get(entry.getKey()).offset()
                                - entry.getValue().offset())
                        .sum();
                if (!committed.isEmpty() && lag == 0) {
                    return System.currentTimeMillis();
                }
                Thread.sleep(100);
            }
        }
    }
}
