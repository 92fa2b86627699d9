package io.mosaic.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Consumer lag as Prometheus gauges, refreshed on a schedule, so alerts can be written on it:
 * {@code mosaic_consumer_lag_records{group,topic,partition}} and {@code mosaic_consumer_lag_seconds{group}}.
 */
@ApplicationScoped
public class LagMetrics {
    private static final Logger LOG = Logger.getLogger(LagMetrics.class);

    private final ConsumerLag lag;
    private final MultiGauge records;
    private final MultiGauge seconds;

    public LagMetrics(ConsumerLag lag, MeterRegistry registry) {
        this.lag = lag;
        this.records = MultiGauge.builder("mosaic.consumer.lag.records")
                .description("Records not yet consumed, per consumer group and partition")
                .register(registry);
        this.seconds = MultiGauge.builder("mosaic.consumer.lag.seconds")
                .description("Age of the oldest record a consumer group has not consumed yet")
                .register(registry);
    }

    @Scheduled(
            every = "${mosaic.gateway.lag.refresh:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            List<MultiGauge.Row<?>> recordRows = new ArrayList<>();
            List<MultiGauge.Row<?>> secondRows = new ArrayList<>();
            for (ConsumerLag.GroupLag group : lag.read()) {
                secondRows.add(MultiGauge.Row.of(Tags.of("group", group.group()), group.lagSeconds()));
                group.partitions()
                        .forEach(p -> recordRows.add(MultiGauge.Row.of(
                                Tags.of(
                                        "group",
                                        group.group(),
                                        "topic",
                                        p.topic(),
                                        "partition",
                                        Integer.toString(p.partition())),
                                p.lag())));
            }
            records.register(recordRows, true);
            seconds.register(secondRows, true);
        } catch (ConsumerLag.KafkaUnavailableException e) {
            LOG.warnf("Consumer lag not refreshed: %s", e.getMessage());
        }
    }
}
