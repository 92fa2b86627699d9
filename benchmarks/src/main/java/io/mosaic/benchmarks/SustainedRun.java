package io.mosaic.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The sustained-rate phase of {@link PlatformBenchmark}, with what each event cost the machine at each step. */
final class SustainedRun {
    /**
     * A step holds when no consumer group's lag reached this, in any sample or at the end, and no batch was answered
     * this long after its due time.
     */
    static final double MAX_LAG_SECONDS = 5;

    private SustainedRun() {}

    /** Rising fixed rates, each held for step-seconds: the highest at which every group's lag stays bounded. */
    static void measure(GatewayClient client, int seconds, String steps, CostPerEvent cost, PlatformReport report)
            throws Exception {
        DemoBatches source = new DemoBatches(50, 0);
        for (String step : steps.split(",")) {
            int rate = Integer.parseInt(step.trim());
            List<DemoBatches.Batch> prepared = prepare(source, rate, seconds);
            PlatformBenchmark.step(String.format("Sustained: %,d events/s for %d s", rate, seconds));
            AtomicLong failed = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            cost.start();
            List<Double> lagSamples = new ArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> {
                        try {
                            double lag = client.maxLagSeconds(PlatformBenchmark.CONSUMER_GROUPS);
                            synchronized (lagSamples) {
                                lagSamples.add(lag);
                            }
                            System.out.printf("    lag %.1f s%n", lag);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the step is over: the sampler is being stopped
                        } catch (Exception e) {
                            System.out.println("    lag unreadable: " + e);
                        }
                    },
                    10,
                    10,
                    TimeUnit.SECONDS);
            long started = System.nanoTime();
            // From each batch's due time to its answer: the clients queue what the gateway does not take in time,
            // which consumer lag cannot show.
            org.HdrHistogram.Histogram late = batches(client, prepared, rate, seconds, sent, failed);
            double accepted = sent.get() / ((System.nanoTime() - started) / 1e9);
            double sendDelay = late.getMaxValue() / 1e6;
            sampler.shutdownNow();
            double endLag = client.maxLagSeconds(PlatformBenchmark.CONSUMER_GROUPS);
            boolean bounded = failed.get() == 0
                    && sendDelay < MAX_LAG_SECONDS
                    && endLag < MAX_LAG_SECONDS
                    && maxOf(lagSamples) < MAX_LAG_SECONDS;
            System.out.printf(
                    "    accepted %,.0f events/s, the latest batch answered %.1f s after its due time%n",
                    accepted, sendDelay);
            System.out.printf("    end lag %.1f s: %s%n", endLag, bounded ? "bounded" : "NOT bounded");
            client.awaitCaughtUp(PlatformBenchmark.CONSUMER_GROUPS);
            CostPerEvent.Cost stepCost = cost.stop(sent.get());
            System.out.printf(
                    "    cost %.3f CPU-ms, %.1f database rows and %.1f Kafka log entries per event%n",
                    stepCost.totalCpuMs(), stepCost.rowsWritten(), stepCost.kafkaEntries());
            stepCost.cpuMsByProcess().forEach((process, ms) -> System.out.printf("      %-30s %.3f%n", process, ms));
            stepCost.kafkaEntriesByTopic().forEach((topic, entries) -> {
                if (entries >= StepCosts.SHOWN_KAFKA_ENTRIES) {
                    System.out.printf("      Kafka log entries, %-50s %.2f%n", topic, entries);
                }
            });
            report.steps.add(
                    new PlatformReport.Step(rate, accepted, sendDelay, endLag, maxOf(lagSamples), bounded, stepCost));
            if (!bounded) {
                break;
            }
        }
    }

    /**
     * A step's request bodies, made before it starts: the load generator shares the machine with the platform, and
     * making the events' JSON while sending took a third of the benchmark JVM's samples at 12,000 events/s (Kafka's
     * own producer-perf-test, the figure beside it, also sends a payload made in advance).
     */
    static List<DemoBatches.Batch> prepare(DemoBatches source, int rate, int seconds) {
        int count = rate / 50 * seconds;
        System.out.printf("    making %,d batches of 50 events first, untimed%n", count);
        List<DemoBatches.Batch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batches.add(source.next());
        }
        return batches;
    }

    /**
     * {@code batches} (50 events each) through the gateway at {@code rate} events/s for {@code seconds}, counting
     * the events accepted and the batches refused; answers how late each batch was answered after its due time
     * (microseconds).
     */
    static org.HdrHistogram.Histogram batches(
            GatewayClient client,
            List<DemoBatches.Batch> batches,
            int rate,
            int seconds,
            AtomicLong sent,
            AtomicLong failed)
            throws InterruptedException {
        return Loads.paced(rate / 50, seconds, 32, i -> {
            DemoBatches.Batch batch = batches.get(i);
            if (client.post("/v1/events/batch", batch.body()) == 200) {
                sent.addAndGet(batch.events());
            } else {
                failed.incrementAndGet();
            }
        });
    }

    private static double maxOf(List<Double> values) {
        synchronized (values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }
}
