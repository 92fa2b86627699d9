package io.mosaic.segmentation.persistence;

import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Which customers are in which segments, since when: the read model the sink keeps (batched SQL on its hot path). */
@ApplicationScoped
public class MembershipStore {
    private final Jdbc jdbc;

    public MembershipStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Member(String customerId, Instant since) {}

    public record Change(String customerId, String segmentId, boolean entered, Instant at) {}

    public void apply(String tenant, List<Change> changes) {
        jdbc.batch(
                "insert into membership (tenant, segment_id, customer_id, since) values (?, ?, ?, ?)"
                        + " on conflict (tenant, segment_id, customer_id) do update set since = excluded.since",
                changes.stream().filter(Change::entered).toList(),
                (statement, change) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, change.segmentId());
                    statement.setString(3, change.customerId());
                    statement.setTimestamp(4, Jdbc.timestamp(change.at()));
                });
        jdbc.batch(
                "delete from membership where tenant = ? and segment_id = ? and customer_id = ?",
                changes.stream().filter(change -> !change.entered()).toList(),
                (statement, change) -> {
                    statement.setString(1, tenant);
                    statement.setString(2, change.segmentId());
                    statement.setString(3, change.customerId());
                });
    }

    /** Members in id order after the cursor: stable pages while memberships change. */
    public List<Member> page(String tenant, String segmentId, String after, int limit) {
        return jdbc.query(
                "select customer_id, since from membership where tenant = ? and segment_id = ? and customer_id > ?"
                        + " order by customer_id limit ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, segmentId);
                    statement.setString(3, after);
                    statement.setInt(4, limit);
                },
                row -> new Member(row.getString(1), Jdbc.instant(row, "since")));
    }

    public Map<String, Long> sizes(String tenant) {
        return jdbc.queryMap(
                "select segment_id, count(*) from membership where tenant = ? group by segment_id",
                statement -> statement.setString(1, tenant),
                row -> row.getString(1),
                row -> row.getLong(2));
    }
}
