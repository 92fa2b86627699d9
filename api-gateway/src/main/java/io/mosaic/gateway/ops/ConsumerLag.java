package io.mosaic.gateway.ops;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far behind each consumer group is, read with the Kafka admin client: per partition the committed offset,
 * the end offset (last stable offset, as read_committed consumers see it), the lag in records and in seconds
 * (the age of the oldest record not consumed yet, read from the record at the committed offset). A partition
 * assigned to the group without a commit yet counts from its beginning ({@code committedOffset} null).
 *
 * <p>On a topic written in transactions, a consumer that has read everything commits the offset after its last
 * record, but the end offset lies after the transaction's commit marker: end minus committed is then 1 although
 * nothing is left to read (Kafka's own tools show that phantom lag). Where the difference is not zero, the oldest
 * unread record is looked up anyway; when there is none before the end, the lag is 0.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final UnreadRecords unread;
    private final String groupPrefix;

    public ConsumerLag(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mosaic.gateway.lag.group-prefix", defaultValue = "mosaic-") String groupPrefix,
            Clock clock) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafkaConfig.get("bootstrap.servers"));
        this.admin = Admin.create(settings);
        this.unread = new UnreadRecords(settings, clock);
        this.groupPrefix = groupPrefix;
    }

    public record PartitionLag(
            String topic, int partition, Long committedOffset, long endOffset, long lag, double lagSeconds) {}

    /**
     * {@code state} as Kafka names it ({@code Stable}, {@code Empty} when no member runs, ...) and the members it has:
     * a group left behind by a consumer that no longer exists keeps its commits, and so its lag, while empty.
     */
    public record GroupLag(
            String group, String state, int members, long lag, double lagSeconds, List<PartitionLag> partitions) {}

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
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset.offset());
                    }
                });
        // A partition assigned to the group that has no commit yet starts at the beginning (auto.offset.reset
        // earliest): everything on it is lag, as at a new consumer's first start.
        ConsumerGroupDescription description = describe(group);
        Set<TopicPartition> uncommitted = new HashSet<>();
        description
                .members()
                .forEach(member -> uncommitted.addAll(member.assignment().topicPartitions()));
        uncommitted.removeAll(committed.keySet());
        Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        uncommitted.forEach(partition -> starts.put(partition, OffsetSpec.earliest()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        uncommitted.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var beginnings = admin.listOffsets(starts).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, UnreadRecords.Range> ranges = new HashMap<>();
        latest.keySet().forEach(partition -> {
            Long committedOffset = committed.get(partition);
            long from = committedOffset != null
                    ? committedOffset
                    : beginnings.get(partition).offset();
            ranges.put(
                    partition, new UnreadRecords.Range(from, ends.get(partition).offset()));
        });
        Map<TopicPartition, UnreadRecords.Unread> unreadByPartition = unread.between(group, ranges);
        List<PartitionLag> partitions = new ArrayList<>();
        ranges.forEach((partition, range) -> {
            UnreadRecords.Unread unread = unreadByPartition.get(partition);
            partitions.add(new PartitionLag(
                    partition.topic(),
                    partition.partition(),
                    committed.get(partition),
                    range.end(),
                    unread.records(),
                    unread.ageSeconds()));
        });
        partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparing(PartitionLag::partition));
        return new GroupLag(
                group,
                description.groupState() == null
                        ? "Unknown"
                        : description.groupState().toString(),
                description.members().size(),
                partitions.stream().mapToLong(PartitionLag::lag).sum(),
                partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0),
                partitions);
    }

    /** The group's state and members with the partitions they hold now. */
    private ConsumerGroupDescription describe(String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Kafka did not answer in time; the ops endpoint answers 503. */
    public static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Exception cause) {
            super("Kafka did not answer; consumer lag cannot be read right now.", cause);
        }
    }

    /** Synchronized: the peeking consumer must not be closed while a read uses it (not thread-safe). */
    @PreDestroy
    synchronized void close() {
        admin.close(Duration.ofSeconds(2));
        unread.close();
    }
}
