package io.mosaic.profile.persistence;

import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;

/** What segmentation derives and publishes: behavior summaries and segment memberships. */
@ApplicationScoped
public class DerivedStore {
    private final Jdbc jdbc;

    public DerivedStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Membership(String segmentId, String segmentName, Instant since) {}

    public record Behavior(Instant asOf, String summaryJson) {}

    /** Keeps the summary unless a later one is already stored. */
    public void saveBehavior(String tenant, String customerId, Instant asOf, String summaryJson) {
        jdbc.update(
                "insert into behavior (tenant, customer_id, as_of, summary) values (?, ?, ?, ?::jsonb)"
                        + " on conflict (tenant, customer_id) do update set as_of = excluded.as_of,"
                        + " summary = excluded.summary where behavior.as_of <= excluded.as_of",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setTimestamp(3, Jdbc.timestamp(asOf));
                    statement.setObject(4, summaryJson, Types.OTHER);
                });
    }

    public void deleteBehavior(String tenant, String customerId) {
        jdbc.update("delete from behavior where tenant = ? and customer_id = ?", statement -> {
            statement.setString(1, tenant);
            statement.setString(2, customerId);
        });
    }

    public void enter(String tenant, String customerId, Membership membership) {
        jdbc.update(
                "insert into segment_membership (tenant, customer_id, segment_id, segment_name, since)"
                        + " values (?, ?, ?, ?, ?) on conflict (tenant, customer_id, segment_id) do update set"
                        + " segment_name = coalesce(excluded.segment_name, segment_membership.segment_name)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setString(3, membership.segmentId());
                    statement.setString(4, membership.segmentName());
                    statement.setTimestamp(5, Jdbc.timestamp(membership.since()));
                });
    }

    public void exit(String tenant, String customerId, String segmentId) {
        jdbc.update(
                "delete from segment_membership where tenant = ? and customer_id = ? and segment_id = ?", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setString(3, segmentId);
                });
    }

    public void delete(String tenant, Collection<String> customerIds) {
        for (String table : new String[] {"behavior", "segment_membership"}) {
            jdbc.update("delete from " + table + " where tenant = ? and customer_id = any(?)", statement -> {
                statement.setString(1, tenant);
                statement.setArray(2, Jdbc.textArray(statement, customerIds));
            });
        }
    }
}
