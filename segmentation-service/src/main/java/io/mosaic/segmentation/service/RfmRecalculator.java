package io.mosaic.segmentation.service;

import io.mosaic.persistence.Jdbc;
import io.mosaic.segmentation.behavior.RfmScale;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Recomputes each tenant's RFM quintiles from its buyers as data changes. When the cut points move, the tenant's
 * buyers are marked due, so the time ticker re-scores them and moves them in and out of {@code vip}.
 */
@ApplicationScoped
public class RfmRecalculator {
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(RfmRecalculator.class);

    private final Jdbc jdbc;
    private final SegmentStore segments;
    private final Clock clock;

    public RfmRecalculator(Jdbc jdbc, SegmentStore segments, Clock clock) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.clock = clock;
    }

    @Scheduled(
            every = "${mosaic.segmentation.rfm-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recalculateAll() {
        for (String tenant : segments.tenants()) {
            Instant now = clock.instant();
            try {
                if (QuarkusTransaction.requiringNew().call(() -> recalculate(tenant, now))) {
                    markBuyersDue(tenant, now);
                }
            } catch (RuntimeException e) {
                // one tenant's failure must not hold back the others' scores; it is tried again next round
                LOG.errorf(
                        "RFM of tenant %s failed (%s); tried again next round",
                        tenant, e.getClass().getSimpleName());
            }
        }
    }

    /** Saves the tenant's scale as of now; answers whether it changed. */
    private boolean recalculate(String tenant, Instant now) {
        List<RfmScale> computed = jdbc.query(
                "select percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by"
                        + " extract(epoch from (? - (summary->'purchases'->>'lastAt')::timestamptz)) / 86400),"
                        + " percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by (summary->'rfm'->>'frequency')::float8),"
                        + " percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by (summary->'rfm'->>'monetary')::float8)"
                        + " from customer_state where tenant = ? and summary -> 'rfm' is not null",
                statement -> {
                    statement.setTimestamp(1, Jdbc.timestamp(now));
                    statement.setString(2, tenant);
                },
                row -> row.getArray(1) == null
                        ? RfmScale.NONE
                        : new RfmScale(wholeCuts(row.getArray(1)), wholeCuts(row.getArray(2)), cuts(row.getArray(3))));
        RfmScale scale = computed.isEmpty() ? RfmScale.NONE : computed.get(0);
        if (scale.equals(segments.rfmScale(tenant))) {
            return false;
        }
        segments.saveRfmScale(tenant, scale, now);
        return true;
    }

    /**
     * Marks the tenant's buyers due, so the time ticker re-scores them with the saved scale: a page at a time, each
     * in its own short transaction, rows locked in customer_id order as every writer of customer_state locks them.
     * One update over all buyers held their locks until it ended, stalling the consumer behind it for as long, and
     * deadlocked with it. After a crash part way, the rest keep their scores until their next event or check.
     */
    private void markBuyersDue(String tenant, Instant now) {
        String after = "";
        List<String> page;
        do {
            String from = after;
            page = QuarkusTransaction.requiringNew()
                    .call(() -> jdbc.query(
                            "with marked as (update customer_state c set next_check_at = ? from (select customer_id"
                                    + " from customer_state where tenant = ? and customer_id > ?"
                                    + " and summary -> 'rfm' is not null order by customer_id limit ? for update) buyer"
                                    + " where c.tenant = ? and c.customer_id = buyer.customer_id"
                                    + " returning c.customer_id) select customer_id from marked order by customer_id",
                            statement -> {
                                statement.setTimestamp(1, Jdbc.timestamp(now));
                                statement.setString(2, tenant);
                                statement.setString(3, from);
                                statement.setInt(4, PAGE);
                                statement.setString(5, tenant);
                            },
                            row -> row.getString(1)));
            after = page.isEmpty() ? after : page.get(page.size() - 1); // the database's order, not Java's
        } while (page.size() == PAGE);
    }

    /**
     * Recency (whole days) and frequency (whole purchases) are scored by comparing whole numbers with the cuts, so
     * whole cuts score exactly the same and move only when a score could. Recency cuts drift with the clock: kept
     * to 0.01 day they changed every 15 minutes, and each change re-scored every buyer of the tenant.
     */
    private static List<Double> wholeCuts(Array array) throws java.sql.SQLException {
        return Arrays.stream((Double[]) array.getArray()).map(Math::floor).toList();
    }

    private static List<Double> cuts(Array array) throws java.sql.SQLException {
        return Arrays.stream((Double[]) array.getArray())
                .map(cut -> Math.round(cut * 100) / 100.0)
                .toList();
    }
}
