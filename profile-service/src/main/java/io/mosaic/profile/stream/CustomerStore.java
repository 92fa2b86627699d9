package io.mosaic.profile.stream;

import io.mosaic.persistence.CustomerHash;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's customer ids: their states in the {@code profiles} store and the erasure markers in {@code erasures}
 * (a one-way hash of each erased id and when it was erased, so no erased id is kept).
 */
final class CustomerStore {
    private final KeyValueStore<String, ProfileState> profiles;
    private final KeyValueStore<String, Long> erasures;
    private final Supplier<Instant> clock;

    CustomerStore(ProcessorContext<?, ?> context, Supplier<Instant> clock) {
        this.profiles = context.getStateStore(ProfileTopology.PROFILES);
        this.erasures = context.getStateStore(ProfileTopology.ERASURES);
        this.clock = clock;
    }

    ProfileState get(String key) {
        return profiles.get(key);
    }

    /** Writes a state whose profile did not change (a pointer, the event ids it remembers). */
    void put(String key, ProfileState state) {
        profiles.put(key, state);
    }

    void delete(String key) {
        profiles.delete(key);
    }

    /**
     * Writes a changed state; its changelog is the read model's feed ({@code lookupsChanged}: the keys the profile
     * is found by changed too, so the read model rewrites them).
     */
    void changed(String key, ProfileState state, boolean lookupsChanged) {
        state.version++;
        state.updatedAt = clock.get();
        if (lookupsChanged) {
            state.lookupsVersion++;
        }
        profiles.put(key, state);
    }

    /** When the customer id was erased (epoch millis), or null. */
    Long erasedAt(String tenant, String customerId) {
        return erasures.get(CustomerHash.of(tenant, customerId));
    }

    /** Whether the customer id was erased at or after {@code at}: what happened then stays erased. */
    boolean erasedSince(String tenant, String customerId, Instant at) {
        Long erasedAt = erasedAt(tenant, customerId);
        return erasedAt != null && at.toEpochMilli() <= erasedAt;
    }

    void markErased(String tenant, String customerId, long at) {
        String marker = CustomerHash.of(tenant, customerId);
        Long erasedAt = erasures.get(marker);
        erasures.put(marker, erasedAt == null ? at : Math.max(erasedAt, at));
    }
}
