package io.mosaic.segmentation.persistence;

import io.mosaic.persistence.Jdbc;
import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.segments.BuiltInSegments;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segment definitions and per-tenant settings. */
@ApplicationScoped
public class SegmentStore {
    /** Waiting for older events to be replayed into a new event condition; not evaluated yet. */
    public static final String REPLAYING = "replaying";

    public static final String BACKFILLING = "backfilling";
    public static final String ACTIVE = "active";
    public static final String FAILED = "failed";

    private final Jdbc jdbc;

    public SegmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code failure}: why the segment is failed (its rule cannot be compiled, its backfill failed), or null. */
    public record StoredSegment(
            SegmentDefinition definition,
            boolean builtIn,
            String status,
            String failure,
            long backfillTotal,
            long backfillDone,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * Creates the tenant with the built-in segments on its first use, in one transaction (the caller's, or its
     * own), so no reader ever sees a tenant with only some of them. Answers whether it was new.
     */
    public boolean ensureTenant(String tenant, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> createTenant(tenant, now));
    }

    private boolean createTenant(String tenant, Instant now) {
        int created = jdbc.update(
                "insert into tenant (tenant, created_at) values (?, ?) on conflict do nothing", statement -> {
                    statement.setString(1, tenant);
                    statement.setTimestamp(2, Jdbc.timestamp(now));
                });
        if (created == 1) {
            BuiltInSegments.ALL.forEach(segment -> insert(tenant, segment, true, "active", now));
        }
        return created == 1;
    }

    public void insert(String tenant, SegmentDefinition segment, boolean builtIn, String status, Instant now) {
        jdbc.update(
                "insert into segment (tenant, id, name, description, rule, built_in, status, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, segment.id());
                    statement.setString(3, segment.name());
                    statement.setString(4, segment.description());
                    statement.setString(5, segment.ruleJson().toString());
                    statement.setBoolean(6, builtIn);
                    statement.setString(7, status);
                    statement.setTimestamp(8, Jdbc.timestamp(now));
                    statement.setTimestamp(9, Jdbc.timestamp(now));
                });
    }

    public boolean update(String tenant, SegmentDefinition segment, String status, Instant now) {
        return jdbc.update(
                        "update segment set name = ?, description = ?, rule = ?::jsonb, status = ?, failure = null,"
                                + " backfill_total = 0, backfill_done = 0, updated_at = ? where tenant = ? and id = ?",
                        statement -> {
                            statement.setString(1, segment.name());
                            statement.setString(2, segment.description());
                            statement.setString(3, segment.ruleJson().toString());
                            statement.setString(4, status);
                            statement.setTimestamp(5, Jdbc.timestamp(now));
                            statement.setString(6, tenant);
                            statement.setString(7, segment.id());
                        })
                == 1;
    }

    public boolean delete(String tenant, String id) {
        return jdbc.update("delete from segment where tenant = ? and id = ?", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, id);
                })
                == 1;
    }

    public void progress(String tenant, String id, long total, long done, String status) {
        jdbc.update(
                "update segment set backfill_total = ?, backfill_done = ?, status = ? where tenant = ? and id = ?",
                statement -> {
                    statement.setLong(1, total);
                    statement.setLong(2, done);
                    statement.setString(3, status);
                    statement.setString(4, tenant);
                    statement.setString(5, id);
                });
    }

    /** Marks a segment failed with its reason; consumers skip it from their next catalog on. */
    public void fail(String tenant, String id, String reason) {
        jdbc.update(
                "update segment set status = 'failed', failure = ?, backfill_total = 0, backfill_done = 0"
                        + " where tenant = ? and id = ?",
                statement -> {
                    statement.setString(1, reason);
                    statement.setString(2, tenant);
                    statement.setString(3, id);
                });
    }

    /**
     * The tenant's segments. A stored rule that no longer compiles is read as a failed segment with its reason,
     * never as an error: no stored row can stop a tenant's reads, its events or the service's start.
     */
    public List<StoredSegment> list(String tenant) {
        return jdbc.query(
                "select id, name, description, rule, built_in, status, failure, backfill_total, backfill_done,"
                        + " created_at, updated_at from segment where tenant = ? order by id",
                statement -> statement.setString(1, tenant),
                row -> {
                    SegmentDefinition definition = SegmentDefinition.stored(
                            row.getString("id"),
                            row.getString("name"),
                            row.getString("description"),
                            readRule(row.getString("rule")));
                    boolean unusable = definition.failure() != null;
                    return new StoredSegment(
                            definition,
                            row.getBoolean("built_in"),
                            unusable ? FAILED : row.getString("status"),
                            unusable ? definition.failure() : row.getString("failure"),
                            row.getLong("backfill_total"),
                            row.getLong("backfill_done"),
                            Jdbc.instant(row, "created_at"),
                            Jdbc.instant(row, "updated_at"));
                });
    }

    private static com.fasterxml.jackson.databind.JsonNode readRule(String json) {
        try {
            return CustomerStore.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public Optional<StoredSegment> find(String tenant, String id) {
        return list(tenant).stream().filter(s -> s.definition().id().equals(id)).findFirst();
    }

    /** Marks a change to the tenant's segments, so every consumer reloads its catalog before its next batch. */
    public void bumpCatalogVersion(String tenant) {
        jdbc.update(
                "update tenant set catalog_version = catalog_version + 1 where tenant = ?",
                statement -> statement.setString(1, tenant));
    }

    public Map<String, Long> catalogVersions(Collection<String> tenants) {
        return jdbc.queryMap(
                "select tenant, catalog_version from tenant where tenant = any(?)",
                statement -> statement.setArray(1, Jdbc.textArray(statement, tenants)),
                row -> row.getString(1),
                row -> row.getLong(2));
    }

    public List<String> tenants() {
        return jdbc.query("select tenant from tenant order by tenant", statement -> {}, row -> row.getString(1));
    }

    public RfmScale rfmScale(String tenant) {
        return jdbc
                .query(
                        "select rfm_scale from tenant where tenant = ?",
                        statement -> statement.setString(1, tenant),
                        row -> row.getString(1))
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(json -> readScale(json))
                .orElse(RfmScale.NONE);
    }

    public void saveRfmScale(String tenant, RfmScale scale, Instant now) {
        jdbc.update("update tenant set rfm_scale = ?::jsonb, rfm_computed_at = ? where tenant = ?", statement -> {
            statement.setString(1, CustomerStore.write(scale));
            statement.setTimestamp(2, Jdbc.timestamp(now));
            statement.setString(3, tenant);
        });
    }

    private static RfmScale readScale(String json) {
        try {
            return io.mosaic.events.EventJson.mapper().readValue(json, RfmScale.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
