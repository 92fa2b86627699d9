package io.mosaic.segmentation.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mosaic.events.EventJson;
import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Replays of older events into a new segment's event conditions: where live counting began, how far applied. */
@ApplicationScoped
public class ReplayStore {
    private final Jdbc jdbc;

    public ReplayStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code signatures}: the conditions to replay; {@code liveFrom}: per partition, the first offset counted live. */
    public record Replay(Set<String> signatures, Map<Integer, Long> liveFrom, String appliedThrough) {}

    public void begin(String tenant, String segmentId, Collection<String> signatures, Map<Integer, Long> liveFrom) {
        jdbc.update(
                "insert into condition_replay (tenant, segment_id, signatures, live_from) values (?, ?, ?::jsonb, ?::jsonb)"
                        + " on conflict (tenant, segment_id) do update set signatures = excluded.signatures,"
                        + " live_from = excluded.live_from, applied_through = null",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, segmentId);
                    statement.setString(3, CustomerStore.write(new TreeSet<>(signatures)));
                    statement.setString(4, CustomerStore.write(new TreeMap<>(liveFrom)));
                });
    }

    public Optional<Replay> find(String tenant, String segmentId) {
        return jdbc
                .query(
                        "select signatures, live_from, applied_through from condition_replay where tenant = ? and segment_id = ?",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setString(2, segmentId);
                        },
                        row -> new Replay(
                                read(row.getString(1), new TypeReference<TreeSet<String>>() {}),
                                read(row.getString(2), new TypeReference<TreeMap<Integer, Long>>() {}),
                                row.getString(3)))
                .stream()
                .findFirst();
    }

    public void appliedThrough(String tenant, String segmentId, String customerId) {
        jdbc.update(
                "update condition_replay set applied_through = ? where tenant = ? and segment_id = ?", statement -> {
                    statement.setString(1, customerId);
                    statement.setString(2, tenant);
                    statement.setString(3, segmentId);
                });
    }

    public void finish(String tenant, String segmentId) {
        jdbc.update("delete from condition_replay where tenant = ? and segment_id = ?", statement -> {
            statement.setString(1, tenant);
            statement.setString(2, segmentId);
        });
    }

    /** Drops what customers counted for these conditions before: they are counted afresh from now and replayed. */
    public void clearCounters(String tenant, Collection<String> signatures) {
        for (String signature : signatures) {
            jdbc.update(
                    "update customer_state set aggregate = aggregate #- array['conditions', ?]"
                            + " where tenant = ? and jsonb_exists(aggregate->'conditions', ?)",
                    statement -> {
                        statement.setString(1, signature);
                        statement.setString(2, tenant);
                        statement.setString(3, signature);
                    });
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
