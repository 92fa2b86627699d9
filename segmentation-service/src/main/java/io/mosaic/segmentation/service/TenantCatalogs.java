package io.mosaic.segmentation.service;

import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.segments.SegmentCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled segment catalogs per tenant, cached. This instance drops a tenant's entry when it changes the
 * tenant's segments; changes made through another instance are seen within {@link #TTL}.
 */
@ApplicationScoped
public class TenantCatalogs {
    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(SegmentCatalog catalog, Instant loadedAt) {}

    private final SegmentStore segments;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public TenantCatalogs(SegmentStore segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    /** The tenant's catalog; a tenant seen for the first time gets the built-in segments. */
    public SegmentCatalog of(String tenant) {
        Instant now = clock.instant();
        Entry entry = cache.get(tenant);
        if (entry == null || entry.loadedAt().plus(TTL).isBefore(now)) {
            segments.ensureTenant(tenant, now);
            SegmentCatalog catalog = SegmentCatalog.of(segments.list(tenant).stream()
                    .map(SegmentStore.StoredSegment::definition)
                    .toList());
            entry = new Entry(catalog, now);
            cache.put(tenant, entry);
        }
        return entry.catalog();
    }

    public void invalidate(String tenant) {
        cache.remove(tenant);
    }
}
