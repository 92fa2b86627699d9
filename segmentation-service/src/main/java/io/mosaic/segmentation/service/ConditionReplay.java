package io.mosaic.segmentation.service;

import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.IdentityStore;
import io.mosaic.segmentation.persistence.ReplayStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.rules.EventFilter;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Counts a new segment's event conditions over the events that were on the log before it existed: reads every
 * partition from its beginning up to the offset from which the live consumer counts them, and adds the counts to
 * the customers they belong to now (merges resolved, erased and consent-cleared history left out).
 */
@ApplicationScoped
public class ConditionReplay {
    private static final Logger LOG = Logger.getLogger(ConditionReplay.class);
    private static final int PAGE = 500;

    /** Matches of the replayed conditions of one customer id: signature, day, count and sum. */
    private record Matches(Map<String, TreeMap<Long, Counter>> bySignature) {}

    private final Map<String, Object> kafkaConfig;
    private final TopicsConfig topics;
    private final ReplayStore replays;
    private final CustomerStore customers;
    private final IdentityStore identities;
    private final TenantCatalogs catalogs;
    private final CustomerCommitter committer;
    private final SegmentStore segments;
    private final Clock clock;

    public ConditionReplay(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TopicsConfig topics,
            ReplayStore replays,
            CustomerStore customers,
            IdentityStore identities,
            TenantCatalogs catalogs,
            CustomerCommitter committer,
            SegmentStore segments,
            Clock clock) {
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.replays = replays;
        this.customers = customers;
        this.identities = identities;
        this.catalogs = catalogs;
        this.committer = committer;
        this.segments = segments;
        this.clock = clock;
    }

    public void run(String tenant, SegmentDefinition segment, ReplayStore.Replay replay) {
        List<EventFilter> filters = Rule.eventFilters(segment.rule()).stream()
                .filter(filter -> replay.signatures().contains(filter.signature()))
                .toList();
        Map<String, Matches> matches = read(tenant, filters, replay.liveFrom());
        List<String> ids = new ArrayList<>(matches.keySet());
        Map<String, String> survivors = new HashMap<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            identities.survivors(tenant, page).forEach(survivors::put);
        }
        Map<String, List<String>> bySurvivor = new TreeMap<>();
        ids.forEach(id -> bySurvivor
                .computeIfAbsent(survivors.getOrDefault(id, id), s -> new ArrayList<>())
                .add(id));
        List<String> order = bySurvivor.keySet().stream()
                .filter(survivor -> replay.appliedThrough() == null || survivor.compareTo(replay.appliedThrough()) > 0)
                .toList();
        for (int from = 0; from < order.size(); from += PAGE) {
            List<String> page = order.subList(from, Math.min(order.size(), from + PAGE));
            QuarkusTransaction.requiringNew().run(() -> apply(tenant, segment.id(), page, bySurvivor, matches));
        }
        LOG.infof(
                "Replayed %d event conditions of segment %s/%s for %d customers",
                filters.size(), tenant, segment.id(), order.size());
    }

    private void apply(
            String tenant,
            String segmentId,
            List<String> survivors,
            Map<String, List<String>> ids,
            Map<String, Matches> matches) {
        Map<String, CustomerAggregate> aggregates = customers.lock(tenant, survivors);
        Map<String, IdentityStore.Consent> consents = identities.consents(tenant, survivors);
        Set<String> allIds = new HashSet<>();
        survivors.forEach(survivor -> allIds.addAll(ids.get(survivor)));
        Map<String, Instant> erasures = identities.erasures(
                tenant, allIds.stream().map(id -> CustomerHash.of(tenant, id)).toList());
        Map<String, CustomerAggregate> changed = new TreeMap<>();
        for (String survivor : survivors) {
            CustomerAggregate aggregate = aggregates.get(survivor);
            IdentityStore.Consent consent = consents.get(survivor);
            if (aggregate == null || (consent != null && !consent.granted())) {
                continue; // nothing is kept on this customer now; replayed history must not bring it back
            }
            long clearedDay = consent == null || consent.clearedAt() == null
                    ? Long.MIN_VALUE
                    : CustomerAggregate.epochDay(consent.clearedAt());
            for (String id : ids.get(survivor)) {
                Instant erasedAt = erasures.get(CustomerHash.of(tenant, id));
                long oldestDay =
                        Math.max(clearedDay, erasedAt == null ? Long.MIN_VALUE : CustomerAggregate.epochDay(erasedAt));
                matches.get(id)
                        .bySignature()
                        .forEach((signature, days) -> days.tailMap(oldestDay, oldestDay == Long.MIN_VALUE)
                                .forEach((day, counter) -> aggregate
                                        .conditions
                                        .computeIfAbsent(signature, s -> new TreeMap<>())
                                        .merge(day, counter, Counter::plus)));
            }
            changed.put(survivor, aggregate);
        }
        TenantContext context =
                new TenantContext(tenant, catalogs.of(tenant), segments.rfmScale(tenant), clock.instant());
        committer.commit(
                context,
                changed.entrySet().stream()
                        .map(entry -> new WorkingCustomer(entry.getKey(), entry.getValue(), null))
                        .toList());
        replays.appliedThrough(tenant, segmentId, survivors.get(survivors.size() - 1));
    }

    /** Reads each partition from the start to its live-from offset, counting the tenant's matching events. */
    private Map<String, Matches> read(String tenant, List<EventFilter> filters, Map<Integer, Long> liveFrom) {
        Map<String, Matches> matches = new HashMap<>();
        Set<String> seenEventIds = new HashSet<>();
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = liveFrom.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .map(entry -> new TopicPartition(topics.interactions(), entry.getKey()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            remaining.removeIf(partition -> consumer.position(partition) >= liveFrom.get(partition.partition()));
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < liveFrom.get(record.partition())
                            && record.key() != null
                            && record.key().startsWith(tenant + ":")) {
                        count(record, tenant, filters, seenEventIds, matches);
                    }
                }
                remaining.removeIf(partition -> consumer.position(partition) >= liveFrom.get(partition.partition()));
            }
        }
        return matches;
    }

    private static void count(
            ConsumerRecord<String, byte[]> record,
            String tenant,
            List<EventFilter> filters,
            Set<String> seen,
            Map<String, Matches> matches) {
        InteractionEvent event;
        try {
            event = EventJson.fromBytes(record.value());
        } catch (EventJson.MalformedEventException e) {
            return; // the live consumer sent it to the DLQ
        }
        if (!tenant.equals(event.tenant()) || !seen.add(event.eventId())) {
            return;
        }
        long day = CustomerAggregate.epochDay(event.occurredAt());
        for (EventFilter filter : filters) {
            Optional<BigDecimal> value = filter.match(event);
            value.ifPresent(sum -> matches.computeIfAbsent(event.customerId(), id -> new Matches(new HashMap<>()))
                    .bySignature()
                    .computeIfAbsent(filter.signature(), s -> new TreeMap<>())
                    .merge(day, new Counter(1, sum), Counter::plus));
        }
    }
}
