package io.mosaic.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mosaic.local.DemoHistory;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The demo's event mix ({@link DemoHistory}: every channel, purchases with and without flash sales, promotions,
 * tickets, surveys, duplicate contacts) as request bodies for {@code /v1/events/batch}, made on demand in parts of
 * 200 customers so that a long run does not hold millions of events.
 */
final class DemoBatches {
    private static final int CUSTOMERS_PER_PART = 200;

    /** A request body, its event count, and the customers whose first event it carries and who are new. */
    record Batch(byte[] body, int events, List<String> newCustomers) {}

    private final int batchSize;
    private final Instant now = Instant.now();
    private final Deque<Map<String, Object>> pending = new ArrayDeque<>();
    private int nextCustomer;

    DemoBatches(int batchSize, int firstCustomer) {
        this.batchSize = batchSize;
        this.nextCustomer = firstCustomer;
    }

    /** The average size in bytes of one event as a client sends it. */
    static int averageEventSize() throws JsonProcessingException {
        List<Map<String, Object>> sample = new DemoHistory(500, Instant.now(), 1).events();
        return GatewayClient.JSON.writeValueAsBytes(sample).length / sample.size();
    }

    synchronized Batch next() {
        fill(batchSize);
        List<Map<String, Object>> events = new ArrayList<>(batchSize);
        List<String> newCustomers = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            Map<String, Object> event = pending.poll();
            events.add(event);
            if (isFirstEventOfANewCustomer(event)) {
                newCustomers.add((String) event.get("customerId"));
            }
        }
        try {
            return new Batch(
                    GatewayClient.JSON.writeValueAsBytes(Map.of("events", events)), events.size(), newCustomers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} events, each as a body for {@code POST /v1/events}. */
    synchronized List<byte[]> singleEvents(int count) throws JsonProcessingException {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fill(1);
            bodies.add(GatewayClient.JSON.writeValueAsBytes(pending.poll()));
        }
        return bodies;
    }

    private void fill(int events) {
        while (pending.size() < events) {
            pending.addAll(new DemoHistory(nextCustomer, CUSTOMERS_PER_PART, now, nextCustomer).events());
            nextCustomer += CUSTOMERS_PER_PART;
        }
    }

    /** DemoHistory's archetype 0 (every tenth customer) was first seen within 3 weeks: it enters new-customers. */
    private static boolean isFirstEventOfANewCustomer(Map<String, Object> event) {
        String customer = (String) event.get("customerId");
        return "customer.identified".equals(event.get("type"))
                && !customer.endsWith("-wa")
                && Integer.parseInt(customer.substring("cust-".length())) % 10 == 0;
    }
}
