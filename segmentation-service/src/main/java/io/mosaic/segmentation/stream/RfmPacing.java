package io.mosaic.segmentation.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFM cuts move with nearly every new buyer, so a tenant's re-scoring starts at most once per {@code every}; a move
 * in between waits, and is started when that time has passed.
 */
final class RfmPacing {
    private final Duration every;
    private final Map<String, Long> started = new HashMap<>();
    private final Set<String> waiting = new TreeSet<>();

    RfmPacing(Duration every) {
        this.every = every;
    }

    /** Whether a re-scoring of the tenant may start at {@code now}: noted as started if so, as waiting if not. */
    boolean tryStart(String tenant, long now) {
        if (!mayStart(tenant, now)) {
            waiting.add(tenant);
            return false;
        }
        started.put(tenant, now);
        return true;
    }

    /** The waiting tenants whose time has come, taken off the waiting list. */
    Set<String> due(long now) {
        Set<String> due = new TreeSet<>();
        for (Iterator<String> each = waiting.iterator(); each.hasNext(); ) {
            String tenant = each.next();
            if (mayStart(tenant, now)) {
                each.remove();
                due.add(tenant);
            }
        }
        return due;
    }

    private boolean mayStart(String tenant, long now) {
        Long last = started.get(tenant);
        return last == null || now - last >= every.toMillis();
    }
}
