package io.mosaic.segmentation.service;

import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiled segment catalogs per tenant, cached. The consumer asks for the version it read in its batch's
 * transaction, so a change to the segments applies from an exact point of the log on; other readers accept a
 * catalog up to {@link #TTL} old.
 */
@ApplicationScoped
public class TenantCatalogs {
    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(SegmentCatalog catalog, long version, Instant loadedAt) {}

    private final SegmentStore segments;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public TenantCatalogs(SegmentStore segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    /** The tenant's catalog, at most {@link #TTL} old; a tenant seen for the first time gets the built-in segments. */
    public SegmentCatalog of(String tenant) {
        Entry entry = cache.get(tenant);
        if (entry == null || entry.loadedAt().plus(TTL).isBefore(clock.instant())) {
            entry = load(tenant, entry == null ? -1 : entry.version());
        }
        return entry.catalog();
    }

    /** The tenant's catalog at exactly this version of its segments (read in the caller's transaction). */
    public SegmentCatalog of(String tenant, Long version) {
        Entry entry = cache.get(tenant);
        if (entry == null || version == null || entry.version() != version) {
            entry = load(tenant, version == null ? 0 : version);
        }
        return entry.catalog();
    }

    private Entry load(String tenant, long version) {
        Instant now = clock.instant();
        segments.ensureTenant(tenant, now);
        List<SegmentStore.StoredSegment> stored = segments.list(tenant).stream()
                .filter(segment -> segment.definition().failure() == null) // an unusable rule changes nothing
                .toList();
        SegmentCatalog catalog = SegmentCatalog.of(
                stored.stream().map(SegmentStore.StoredSegment::definition).toList(),
                stored.stream()
                        .filter(segment -> segment.status().equals(SegmentStore.REPLAYING))
                        .map(segment -> segment.definition().id())
                        .collect(Collectors.toSet()));
        Entry entry = new Entry(catalog, version, now);
        // Loaded inside a transaction (a consumer batch that may be creating the tenant): other readers may use it
        // only once it is committed, or they would skip creating the built-in segments they cannot see yet.
        if (QuarkusTransaction.isActive()) {
            TransactionHooks.afterCommit(() -> cache.put(tenant, entry));
        } else {
            cache.put(tenant, entry);
        }
        return entry;
    }

    public void invalidate(String tenant) {
        cache.remove(tenant);
    }
}
