package io.mosaic.profile.stream;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.PlatformEvents;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.identity.MergePolicy;
import io.mosaic.streams.SmileSerde;
import io.mosaic.streams.StreamDeadLetters;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one place that decides merges: every claim on an identifier reaches the task that owns the identifier's key,
 * one at a time, so two customers presenting one email at the same moment on different partitions are still seen
 * one after the other, and the merge is decided once. When a new customer id presents an email or phone that other
 * customers hold, the customer first seen survives (ties: the smaller id) and a {@code customer.merged} event per
 * absorbed customer goes onto {@code mosaic.interactions}, where every service applies it. An identifier presented
 * by more customer ids than the policy allows is shared (a family phone) and merges nothing.
 */
final class ClaimProcessor implements Processor<String, byte[], String, byte[]> {
    private final MergePolicy policy;
    private final ProfileTopology.Listener listener;
    private final java.time.Clock clock;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ClaimHolders> claims;
    private StreamDeadLetters deadLetters;

    ClaimProcessor(MergePolicy policy, ProfileTopology.Listener listener, java.time.Clock clock) {
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.claims = context.getStateStore(ProfileTopology.CLAIMS);
        this.deadLetters = new StreamDeadLetters(context, ProfileTopology.DLQ_CONSUMER, ProfileTopology.DLQ);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            Claim claim = SmileSerde.mapper().readValue(record.value(), Claim.class);
            ClaimHolders holders = claims.get(record.key());
            holders = holders == null ? new ClaimHolders() : holders;
            switch (claim.kind()) {
                case CLAIM -> claim(record.key(), holders, claim);
                case MOVE -> {
                    if (holders.move(claim.from(), claim.survivor(), claim.firstSeenAt())) {
                        claims.put(record.key(), holders);
                    }
                }
                case RELEASE -> {
                    holders.release(claim.ids());
                    if (holders.isEmpty()) {
                        claims.delete(record.key());
                    } else {
                        claims.put(record.key(), holders);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            deadLetters.send(record, e);
        }
    }

    private void claim(String key, ClaimHolders holders, Claim claim) {
        if (holders.holds(claim.presenter())) {
            return;
        }
        holders.add(new ClaimHolders.Holder(claim.presenter(), claim.survivor(), claim.firstSeenAt()));
        IdentifierKey.Kind kind = Claim.kindOf(key);
        if (policy.isShared(holders.presenters())) {
            listener.sharedIdentifier(kind);
        } else {
            decide(key, holders, kind);
        }
        claims.put(key, holders);
    }

    private void decide(String key, ClaimHolders holders, IdentifierKey.Kind kind) {
        Map<String, Long> customers = new HashMap<>();
        holders.holders.forEach(holder -> customers.merge(holder.survivor(), holder.firstSeenAt(), Math::min));
        if (customers.size() < 2) {
            return;
        }
        List<Map.Entry<String, Long>> ordered = customers.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        String tenant = key.substring(0, key.indexOf(':'));
        String survivor = ordered.get(0).getKey();
        long firstSeenAt = ordered.get(0).getValue();
        Instant now = clock == null ? Instant.ofEpochMilli(context.currentSystemTimeMs()) : clock.instant();
        for (Map.Entry<String, Long> absorbed : ordered.subList(1, ordered.size())) {
            InteractionEvent merge =
                    PlatformEvents.merge(tenant, survivor, absorbed.getKey(), now, "shared " + kind.wireName());
            context.forward(
                    new Record<>(merge.key(), EventJson.toBytes(merge), context.currentSystemTimeMs()),
                    ProfileTopology.MERGES);
            holders.move(absorbed.getKey(), survivor, firstSeenAt);
            listener.mergeDecided();
        }
    }
}
