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
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    /**
     * Every Mosaic consumer group, by name. Each question to Kafka is asked once for all groups (offsets, members,
     * partition ends and beginnings): on a busy broker a round trip takes tens of milliseconds, and asking per group
     * made one read take seconds.
     */
    public synchronized List<GroupLag> read() {
        try {
            List<String> groups = admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .filter(group -> group.startsWith(groupPrefix))
                    .sorted()
                    .toList();
            if (groups.isEmpty()) {
                return List.of();
            }
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
                    admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, ConsumerGroupDescription> descriptions =
                    admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Positions> positions = new HashMap<>();
            groups.forEach(group ->
                    positions.put(group, Positions.of(offsets.getOrDefault(group, Map.of()), descriptions.get(group))));
            Map<TopicPartition, Long> ends = ends(positions.values());
            Map<TopicPartition, Long> beginnings = beginnings(positions.values());
            List<GroupLag> result = new ArrayList<>();
            for (String group : groups) {
                result.add(group(group, descriptions.get(group), positions.get(group), ends, beginnings));
            }
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    /**
     * A group's committed offsets, and the partitions assigned to it without a commit yet: those start at the
     * beginning (auto.offset.reset earliest), so everything on them is lag, as at a new consumer's first start.
     */
    private record Positions(Map<TopicPartition, Long> committed, Set<TopicPartition> uncommitted) {
        static Positions of(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupDescription description) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            Set<TopicPartition> uncommitted = new HashSet<>();
            if (description != null) {
                description
                        .members()
                        .forEach(
                                member -> uncommitted.addAll(member.assignment().topicPartitions()));
            }
            uncommitted.removeAll(committed.keySet());
            return new Positions(committed, uncommitted);
        }
    }

    /** The end (last stable offset) of every partition any group reads. */
    private Map<TopicPartition, Long> ends(java.util.Collection<Positions> groups)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        groups.forEach(group -> {
            group.committed().keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            group.uncommitted().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        });
        return offsetsOf(
                latest, () -> admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)));
    }

    /** The beginning of every partition some group holds without a commit. */
    private Map<TopicPartition, Long> beginnings(java.util.Collection<Positions> groups)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        groups.forEach(group -> group.uncommitted().forEach(partition -> starts.put(partition, OffsetSpec.earliest())));
        return offsetsOf(starts, () -> admin.listOffsets(starts));
    }

    /** The offsets {@code asked} for, without a request when nothing is asked. */
    private static Map<TopicPartition, Long> offsetsOf(
            Map<TopicPartition, OffsetSpec> asked,
            java.util.function.Supplier<org.apache.kafka.clients.admin.ListOffsetsResult> request)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (asked.isEmpty()) {
            return offsets;
        }
        request.get()
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private GroupLag group(
            String group,
            ConsumerGroupDescription description,
            Positions positions,
            Map<TopicPartition, Long> ends,
            Map<TopicPartition, Long> beginnings) {
        Map<TopicPartition, UnreadRecords.Range> ranges = new HashMap<>();
        positions
                .committed()
                .forEach((partition, committed) ->
                        ranges.put(partition, new UnreadRecords.Range(committed, ends.get(partition))));
        positions
                .uncommitted()
                .forEach((partition) ->
                        ranges.put(partition, new UnreadRecords.Range(beginnings.get(partition), ends.get(partition))));
        Map<TopicPartition, UnreadRecords.Unread> unreadByPartition = unread.between(group, ranges);
        List<PartitionLag> partitions = new ArrayList<>();
        ranges.forEach((partition, range) -> {
            UnreadRecords.Unread unread = unreadByPartition.get(partition);
            partitions.add(new PartitionLag(
                    partition.topic(),
                    partition.partition(),
                    positions.committed().get(partition),
                    range.end(),
                    unread.records(),
                    unread.ageSeconds()));
        });
        partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparing(PartitionLag::partition));
        return new GroupLag(
                group,
                description == null || description.groupState() == null
                        ? "Unknown"
                        : description.groupState().toString(),
                description == null ? 0 : description.members().size(),
                partitions.stream().mapToLong(PartitionLag::lag).sum(),
                partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0),
                partitions);
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
