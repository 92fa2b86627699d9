package io.mosaic.segmentation.destinations;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every tenant's destinations in memory, for the consumer that matches each segment change against them and the
 * dispatcher that sends. Reloaded after each write through this instance's API, every few seconds, and before a
 * consumed batch when older than a second: a destination made through another instance is matched from about a
 * second after it was made, and none is missed because the catalog was not loaded yet.
 */
@ApplicationScoped
public class DestinationCatalog {
    /** What sending needs of a destination; the secret is still encrypted. */
    public record Target(
            UUID id,
            String tenant,
            String url,
            List<String> segments,
            List<String> changes,
            List<String> include,
            byte[] encryptedSecret) {
        boolean wants(String segmentId, String change) {
            return changes.contains(change) && (segments == null || segments.contains(segmentId));
        }
    }

    private volatile Map<String, List<Target>> byTenant = Map.of();
    private volatile Map<UUID, Target> byId = Map.of();
    private volatile long loadedAt = Long.MIN_VALUE;

    // Not while the application stops: its persistence unit may already be closed.
    @Scheduled(every = "5s", delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void reload() {
        Map<String, List<Target>> tenants = new HashMap<>();
        Map<UUID, Target> ids = new HashMap<>();
        for (Destination destination : Destination.<Destination>listAll()) {
            Target target = new Target(
                    destination.id,
                    destination.tenant,
                    destination.url,
                    destination.segments == null ? null : List.copyOf(destination.segments),
                    List.copyOf(destination.changes),
                    destination.include == null ? List.of() : List.copyOf(destination.include),
                    destination.encryptedSecret);
            tenants.computeIfAbsent(destination.tenant, tenant -> new java.util.ArrayList<>())
                    .add(target);
            ids.put(destination.id, target);
        }
        byTenant = tenants;
        byId = ids;
        loadedAt = System.nanoTime();
    }

    /** Whether the catalog was loaded within {@code maxAge}; the caller reloads it (through the bean) if not. */
    public boolean freshWithin(java.time.Duration maxAge) {
        return loadedAt != Long.MIN_VALUE && System.nanoTime() - loadedAt < maxAge.toNanos();
    }

    public List<Target> ofTenant(String tenant) {
        return byTenant.getOrDefault(tenant, List.of());
    }

    public Target get(UUID id) {
        return byId.get(id);
    }
}
