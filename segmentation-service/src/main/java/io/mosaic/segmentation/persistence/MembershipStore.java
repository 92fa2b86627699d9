package io.mosaic.segmentation.persistence;

import io.mosaic.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * Applies one tenant's changes (at most one per customer and segment) and counts, per segment and day of the
     * change, the members really added and removed, in one statement: an entry of a member already in, or an exit
     * of one already out (a redelivered batch), counts nothing. The day rows are written in key order, so sinks
     * applying batches at the same time never wait on each other in a cycle.
     */
    public void apply(String tenant, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<String> segments = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<Boolean> entered = new ArrayList<>();
        changes.forEach(change -> {
            segments.add(change.segmentId());
            customers.add(change.customerId());
            times.add(change.at().toString());
            entered.add(change.entered());
        });
        jdbc.update(APPLY, statement -> {
            statement.setString(1, tenant);
            statement.setArray(2, Jdbc.textArray(statement, segments));
            statement.setArray(3, Jdbc.textArray(statement, customers));
            statement.setArray(4, Jdbc.textArray(statement, times));
            statement.setArray(5, statement.getConnection().createArrayOf("boolean", entered.toArray()));
        });
    }

    private static final String APPLY = "with input as (select ?::text as tenant),"
            + " changes as (select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::boolean[])"
            + "   as c(segment_id, customer_id, at, entered)),"
            + " added as (insert into membership (tenant, segment_id, customer_id, since)"
            + "   select input.tenant, c.segment_id, c.customer_id, c.at from changes c, input where c.entered"
            + "   on conflict (tenant, segment_id, customer_id) do update set since = excluded.since"
            + "   returning segment_id, since as at, xmax = 0 as inserted),"
            + " removed as (delete from membership m using changes c, input"
            + "   where not c.entered and m.tenant = input.tenant and m.segment_id = c.segment_id"
            + "   and m.customer_id = c.customer_id returning c.segment_id, c.at),"
            + " moves as (select segment_id, (at at time zone 'UTC')::date as day, 1 as entries, 0 as exits"
            + "   from added where inserted"
            + "   union all select segment_id, (at at time zone 'UTC')::date, 0, 1 from removed)"
            + " insert into segment_day (tenant, segment_id, day, entries, exits)"
            + " select input.tenant, segment_id, day, sum(entries), sum(exits) from moves, input"
            + " group by input.tenant, segment_id, day order by segment_id, day"
            + " on conflict (tenant, segment_id, day) do update"
            + " set entries = segment_day.entries + excluded.entries, exits = segment_day.exits + excluded.exits";

    /** One day of a segment's history: members at the end of the day (UTC), and who entered and left that day. */
    public record Day(LocalDate day, long size, long entries, long exits) {}

    /**
     * The last {@code days} days up to {@code today}, oldest first. Today's size is the membership count now; each
     * earlier day's is the next day's minus the next day's entries plus its exits.
     */
    public List<Day> history(String tenant, String segmentId, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> moves = new HashMap<>();
        jdbc.query(
                        "select day, entries, exits from segment_day where tenant = ? and segment_id = ? and day >= ?",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setString(2, segmentId);
                            statement.setObject(3, first);
                        },
                        row -> Map.entry(
                                row.getObject(1, LocalDate.class), new long[] {row.getLong(2), row.getLong(3)}))
                .forEach(entry -> moves.put(entry.getKey(), entry.getValue()));
        long size = jdbc.query(
                        "select count(*) from membership where tenant = ? and segment_id = ?",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setString(2, segmentId);
                        },
                        row -> row.getLong(1))
                .get(0);
        long[] none = {0, 0};
        long[] latest = moves.computeIfAbsent(today, day -> new long[2]);
        moves.entrySet().removeIf(entry -> {
            if (!entry.getKey().isAfter(today)) {
                return false;
            }
            latest[0] += entry.getValue()[0]; // stamped after today (a clock ahead): in today's size already
            latest[1] += entry.getValue()[1];
            return true;
        });
        List<Day> history = new ArrayList<>(days);
        for (LocalDate day = today; !day.isBefore(first); day = day.minusDays(1)) {
            long[] move = moves.getOrDefault(day, none);
            history.add(new Day(day, size, move[0], move[1]));
            size = size - move[0] + move[1];
        }
        java.util.Collections.reverse(history);
        return history;
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
