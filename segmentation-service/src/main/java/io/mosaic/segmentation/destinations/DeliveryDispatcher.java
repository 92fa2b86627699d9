package io.mosaic.segmentation.destinations;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Sends what is due. Each destination has its own few request slots ({@code mosaic.destinations.concurrency}): a
 * slow or failing destination fills only its own, and what it cannot take waits in the queue, so it delays no other
 * destination and nothing upstream. A failed attempt is tried again by the {@link RetryPolicy}; a delivery refused
 * for good (a 4xx other than 408 and 429, a URL no longer allowed) or out of retries is dead-lettered: kept, shown
 * in the delivery log and replayable.
 */
@ApplicationScoped
public class DeliveryDispatcher {
    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final DestinationCatalog catalog;
    private final DeliverySender sender;
    private final MeterRegistry registry;
    private final Clock clock;
    private final DestinationsConfig config;
    private final RetryPolicy retries;
    private final Map<UUID, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicReference<DeliveryStore.Backlog>> backlogs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "mosaic-deliveries"));

    public DeliveryDispatcher(
            DeliveryStore store,
            DestinationCatalog catalog,
            DeliverySender sender,
            MeterRegistry registry,
            Clock clock,
            DestinationsConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.sender = sender;
        this.registry = registry;
        this.clock = clock;
        this.config = config;
        this.retries = new RetryPolicy(config.initialInterval(), config.maxInterval(), config.giveUpAfter());
    }

    void start(@Observes StartupEvent started) {
        long every = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::safely, every, every, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::measureBacklogs, 1, 15, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        loop.shutdownNow();
    }

    private void safely() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // the database is away or the catalog not loaded yet: the queue keeps everything, try on the next tick
            LOG.debugf(e, "deliveries not dispatched this round");
        }
    }

    /** One round: for each destination with due work, claim as many as it has free slots and send them. */
    void dispatchDue() {
        Instant now = clock.instant();
        for (UUID destination : store.dueDestinations(now)) {
            DestinationCatalog.Target target = catalog.get(destination);
            if (target == null) {
                continue; // deleted, or made on another instance a moment ago: the catalog reloads every 5 s
            }
            Semaphore free = slots.computeIfAbsent(destination, id -> new Semaphore(config.concurrency()));
            // only this thread takes slots (sends give them back): what is free now stays free until taken below
            int available = free.availablePermits();
            if (available == 0) {
                continue;
            }
            List<DeliveryStore.Claimed> claimed =
                    store.claim(destination, available, now, config.timeout().plusSeconds(30));
            for (DeliveryStore.Claimed delivery : claimed) {
                free.acquireUninterruptibly();
                sender.send(target, delivery.id().toString(), delivery.customerId(), delivery.body())
                        .whenComplete((outcome, failure) -> {
                            try {
                                record(destination, delivery, outcome);
                            } catch (RuntimeException e) {
                                LOG.warnf(
                                        "a delivery's outcome could not be stored (%s); it is sent again",
                                        e.getClass().getSimpleName());
                            } finally {
                                free.release();
                            }
                        });
            }
        }
    }

    private void record(UUID destination, DeliveryStore.Claimed delivery, DeliverySender.Outcome outcome) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        if (outcome.delivered()) {
            store.attempted(
                    delivery.id(), DeliveryStore.DELIVERED, outcome.status(), outcome.latencyMs(), null, null, now);
            count(destination, "delivered");
            return;
        }
        count(destination, "failed");
        Instant next = outcome.retry() ? retries.next(attempts, delivery.createdAt(), now, outcome.retryAfter()) : null;
        if (next == null) {
            store.attempted(
                    delivery.id(),
                    DeliveryStore.DEAD,
                    outcome.status(),
                    outcome.latencyMs(),
                    outcome.error(),
                    null,
                    now);
            count(destination, "dead-lettered");
        } else {
            store.attempted(
                    delivery.id(),
                    DeliveryStore.PENDING,
                    outcome.status(),
                    outcome.latencyMs(),
                    outcome.error(),
                    next,
                    now);
        }
    }

    private void count(UUID destination, String outcome) {
        registry.counter("mosaic.destination.deliveries", "destination", destination.toString(), "outcome", outcome)
                .increment();
    }

    /** Gauges per destination: deliveries pending and the age of the oldest (0 once nothing is pending). */
    private void measureBacklogs() {
        try {
            Map<UUID, DeliveryStore.Backlog> now = store.backlogs(clock.instant());
            backlogs.forEach((id, backlog) -> backlog.set(now.getOrDefault(id, new DeliveryStore.Backlog(0, 0))));
            now.forEach(
                    (id, backlog) -> backlogs.computeIfAbsent(id, this::gauges).set(backlog));
        } catch (RuntimeException e) {
            LOG.debugf(e, "delivery backlogs not measured this round");
        }
    }

    private AtomicReference<DeliveryStore.Backlog> gauges(UUID destination) {
        AtomicReference<DeliveryStore.Backlog> backlog = new AtomicReference<>(new DeliveryStore.Backlog(0, 0));
        registry.gauge(
                "mosaic.destination.pending",
                List.of(io.micrometer.core.instrument.Tag.of("destination", destination.toString())),
                backlog,
                ref -> ref.get().pending());
        registry.gauge(
                "mosaic.destination.oldest.pending.seconds",
                List.of(io.micrometer.core.instrument.Tag.of("destination", destination.toString())),
                backlog,
                ref -> ref.get().oldestSeconds());
        return backlog;
    }
}
