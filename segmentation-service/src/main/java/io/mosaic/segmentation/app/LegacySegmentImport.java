package io.mosaic.segmentation.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.persistence.Jdbc;
import io.mosaic.segmentation.segments.BuiltInSegments;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.mosaic.segmentation.stream.DefinitionsLog;
import io.mosaic.segmentation.stream.TenantDefinitions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

/**
 * Moves the segment definitions of a deployment from before the topology (rows of {@code legacy_segment}) onto the
 * definitions topic once the topology runs: a tenant's own segments, its edited built-in ones, and a built-in one it
 * had deleted (a tenant row without that segment). A definition already on the topic wins; each row is deleted once
 * written, so the move is done once however often it starts and however many instances run it.
 */
@ApplicationScoped
public class LegacySegmentImport {
    private static final Logger LOG = Logger.getLogger(LegacySegmentImport.class);

    private record Row(
            String tenant,
            String id,
            String name,
            String description,
            JsonNode rule,
            Instant createdAt,
            Instant updatedAt) {}

    private final Jdbc jdbc;
    private final DefinitionsLog log;
    private final TopologyStores stores;
    private final KafkaStreams streams;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "legacy-segment-import");
        thread.setDaemon(true);
        return thread;
    });

    public LegacySegmentImport(Jdbc jdbc, DefinitionsLog log, TopologyStores stores, KafkaStreams streams) {
        this.jdbc = jdbc;
        this.log = log;
        this.stores = stores;
        this.streams = streams;
    }

    void onStart(@Observes StartupEvent event) {
        background.schedule(this::attempt, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    private void attempt() {
        try {
            if (streams.state() != KafkaStreams.State.RUNNING) {
                background.schedule(this::attempt, 2, TimeUnit.SECONDS);
                return;
            }
            int moved = importAll();
            if (moved > 0) {
                LOG.infof("Moved %d segment definitions from PostgreSQL to the definitions topic", moved);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not move the old segment definitions yet (%s); retrying in 30 s", e.toString());
            background.schedule(this::attempt, 30, TimeUnit.SECONDS);
        }
    }

    /** Writes every remaining row to the topic unless the topic has the segment already; answers how many. */
    public int importAll() {
        Map<String, Map<String, Row>> byTenant = new TreeMap<>();
        jdbc.query(
                        "select tenant, id, name, description, rule::text, created_at, updated_at from legacy_segment",
                        statement -> {},
                        row -> new Row(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3),
                                row.getString(4),
                                json(row.getString(5)),
                                Jdbc.instant(row, "created_at"),
                                Jdbc.instant(row, "updated_at")))
                .forEach(row -> byTenant.computeIfAbsent(row.tenant(), t -> new TreeMap<>())
                        .put(row.id(), row));
        Set<String> tenants = new TreeSet<>(byTenant.keySet());
        tenants.addAll(jdbc.query("select tenant from legacy_tenant", statement -> {}, row -> row.getString(1)));
        int moved = 0;
        for (String tenant : tenants) {
            moved += importTenant(tenant, byTenant.getOrDefault(tenant, Map.of()));
            jdbc.update("delete from legacy_tenant where tenant = ?", statement -> statement.setString(1, tenant));
        }
        return moved;
    }

    private int importTenant(String tenant, Map<String, Row> rows) {
        int moved = 0;
        Instant now = Instant.now();
        for (SegmentDefinition builtIn : BuiltInSegments.ALL) {
            Row row = rows.get(builtIn.id());
            if (row == null) {
                moved += write(
                        tenant,
                        new TenantDefinitions.Definition(
                                builtIn.id(),
                                builtIn.name(),
                                builtIn.description(),
                                builtIn.ruleJson(),
                                true,
                                now,
                                now));
            } else if (!row.rule().equals(builtIn.ruleJson()) || !row.name().equals(builtIn.name())) {
                moved += write(tenant, definition(row));
            }
        }
        for (Row row : rows.values()) {
            if (BuiltInSegments.ALL.stream().noneMatch(builtIn -> builtIn.id().equals(row.id()))) {
                moved += write(tenant, definition(row));
            }
            jdbc.update("delete from legacy_segment where tenant = ? and id = ?", statement -> {
                statement.setString(1, tenant);
                statement.setString(2, row.id());
            });
        }
        return moved;
    }

    private int write(String tenant, TenantDefinitions.Definition definition) {
        if (stores.definitions().get(tenant + ":" + definition.id()) != null) {
            return 0; // defined on the topic already: that is newer than the row
        }
        log.put(tenant, definition);
        return 1;
    }

    private static TenantDefinitions.Definition definition(Row row) {
        return new TenantDefinitions.Definition(
                row.id(), row.name(), row.description(), row.rule(), false, row.createdAt(), row.updatedAt());
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            return null; // listed as failed once on the topic, like any rule that does not compile
        }
    }
}
