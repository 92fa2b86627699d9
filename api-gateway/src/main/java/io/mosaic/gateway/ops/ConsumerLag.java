package io.mosaic.gateway.ops;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far behind each consumer group is, read with the Kafka admin client: per partition the committed offset,
 * the end offset (last stable offset, as read_committed consumers see it), the lag in records and in seconds
 * (the age of the oldest record not consumed yet, read from the record at the committed offset).
 */
@ApplicationScoped
public class ConsumerLag {
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final String groupPrefix;
    private final Clock clock;

    public ConsumerLag(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mosaic.gateway.lag.group-prefix", defaultValue = "mosaic-") String groupPrefix,
            Clock clock) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafkaConfig.get("bootstrap.servers"));
        this.admin = Admin.create(settings);
        Map<String, Object> consumer = new HashMap<>(settings);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "mosaic-gateway-lag");
        this.peeker = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.groupPrefix = groupPrefix;
        this.clock = clock;
    }

    public record PartitionLag(
            String topic, int partition, long committedOffset, long endOffset, long lag, double lagSeconds) {}

    public record GroupLag(String group, long lag, double lagSeconds, List<PartitionLag> partitions) {}

    /** Every Mosaic consumer group, by name. */
    public synchronized List<GroupLag> read() {
        try {
            List<String> groups = admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .filter(group -> group.startsWith(groupPrefix))
                    .sorted()
                    .toList();
            List<GroupLag> result = new ArrayList<>();
            for (String group : groups) {
                result.add(group(group));
            }
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    private GroupLag group(String group) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<PartitionLag> partitions = new ArrayList<>();
        committed.forEach((partition, offset) -> {
            if (offset == null) {
                return;
            }
            long end = ends.get(partition).offset();
            long lag = Math.max(0, end - offset.offset());
            partitions.add(new PartitionLag(
                    partition.topic(),
                    partition.partition(),
                    offset.offset(),
                    end,
                    lag,
                    lag == 0 ? 0 : ageOfRecordAt(partition, offset.offset())));
        });
        partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparing(PartitionLag::partition));
        return new GroupLag(
                group,
                partitions.stream().mapToLong(PartitionLag::lag).sum(),
                partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0),
                partitions);
    }

    /** Seconds since the first record at or after {@code offset} was written; 0 when there is none to read. */
    private double ageOfRecordAt(TopicPartition partition, long offset) {
        peeker.assign(List.of(partition));
        peeker.seek(partition, offset);
        for (ConsumerRecord<byte[], byte[]> record :
                peeker.poll(Duration.ofMillis(500)).records(partition)) {
            return Math.max(0, clock.millis() - record.timestamp()) / 1000.0;
        }
        return 0;
    }

    /** Kafka did not answer in time; the ops endpoint answers 503. */
    public static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Exception cause) {
            super("Kafka did not answer; consumer lag cannot be read right now.", cause);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
        peeker.close(Duration.ofSeconds(2));
    }
}
