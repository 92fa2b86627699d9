package io.mosaic.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load shapes for request benchmarks, each giving a markdown table row. Fixed-rate runs are open loop: each request
 * is due at its slot and its latency counts from the slot, so a stall shows in the figures instead of slowing the
 * load down (no coordinated omission).
 */
final class Loads {
    private Loads() {}

    /** Reads due at a fixed rate; latency from each read's slot. */
    static String openLoop(String name, IntConsumer read, int rate, int seconds, int threads)
            throws InterruptedException {
        System.out.printf("%s at %,d/s for %d s...%n", name, rate, seconds);
        long start = System.nanoTime();
        Histogram latency = paced(rate, seconds, threads, read);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return row(name, String.format("%,d/s", rate), rate * seconds / elapsed, latency);
    }

    /**
     * Calls due at a fixed rate from {@code threads} workers; latency in microseconds from each call's slot (no
     * coordinated omission). Give enough workers that a slow answer delays only itself, not the calls after it.
     */
    static Histogram paced(int rate, int seconds, int threads, IntConsumer call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < rate * seconds; i++) {
            long due = start + i * period;
            LockSupport.parkNanos(due - System.nanoTime());
            int index = i;
            pool.execute(() -> {
                call.accept(index);
                recorder.recordValue((System.nanoTime() - due) / 1_000);
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return recorder.getIntervalHistogram();
    }

    /** {@code clients} threads each running {@code client} to its end. */
    static void clients(int clients, Runnable client) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(client);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    /** Clients that each read again as soon as an answer comes: the most reads per second. */
    static String closedLoop(String name, IntConsumer read, int clients, int seconds) throws InterruptedException {
        System.out.printf("%s for %d s...%n", name, seconds);
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    read.accept(0);
                    recorder.recordValue((System.nanoTime() - began) / 1_000);
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        return row(name, "max", done.get() / (double) seconds, recorder.getIntervalHistogram());
    }

    static String row(String name, String rate, double perSecond, Histogram micros) {
        return String.format(
                "| %s | %s | %,.0f | %.2f | %.2f | %.2f |%n",
                name,
                rate,
                perSecond,
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** A GET that must answer 200; {@code headers} are name, value pairs. */
    static void get(HttpClient http, String uri, String... headers) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .headers(headers)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
