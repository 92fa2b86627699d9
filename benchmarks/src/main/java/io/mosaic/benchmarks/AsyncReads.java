package io.mosaic.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * GETs for the read phase, over HTTP/1.1 keep-alive connections from one Vert.x event loop. A load generator on
 * the machine it measures takes CPU from what it measures; the JDK client with a thread per call in flight spent
 * about 0.45 CPU-ms per read, which at 1,000 reads/s is a fifth of two cores.
 */
final class AsyncReads implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http;
    private final URI base;
    private final Map<String, String> headers;
    private final AtomicLong failed = new AtomicLong();

    private final long eventLoopThreadId;

    /** {@code headers}: sent with every GET (credentials, tenant). */
    AsyncReads(String base, Map<String, String> headers) {
        this.base = URI.create(base);
        this.headers = Map.copyOf(headers);
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64).setConnectTimeout(5_000));
        java.util.concurrent.CompletableFuture<Long> loop = new java.util.concurrent.CompletableFuture<>();
        vertx.runOnContext(ignored -> loop.complete(Thread.currentThread().getId()));
        this.eventLoopThreadId = loop.join(); // the one loop every request and answer of this client runs on
    }

    /** GETs not answered 200 so far. */
    long failed() {
        return failed.get();
    }

    /** {@code count} GETs, {@code concurrency} in flight at a time: to warm the path up. */
    void closedLoop(int count, int concurrency, IntFunction<String> path) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong next = new AtomicLong();
        for (int i = 0; i < concurrency; i++) {
            chain(next, count, path, done);
        }
        await(done);
    }

    private void chain(AtomicLong next, int count, IntFunction<String> path, CountDownLatch done) {
        long index = next.getAndIncrement();
        if (index < count) {
            get(path.apply((int) index)).onComplete(answered -> {
                done.countDown();
                chain(next, count, path, done);
            });
        }
    }

    /**
     * Latency in microseconds from each read's slot; per second of the run, the reads slower than 10 ms; the CPU
     * the client itself spent meanwhile (its event loop and the thread pacing the requests), which is no part of
     * what is measured.
     */
    record Paced(Histogram latency, long[] slowBySecond, long[] maxMicrosBySecond, long clientCpuNanos) {
        /** Windows of reads one after another, as one run. */
        static Paced concat(List<Paced> windows) {
            Histogram latency = new Histogram(3);
            int seconds = windows.stream()
                    .mapToInt(window -> window.slowBySecond().length)
                    .sum();
            long[] slow = new long[seconds];
            long[] max = new long[seconds];
            long clientCpu = 0;
            int at = 0;
            for (Paced window : windows) {
                latency.add(window.latency());
                System.arraycopy(window.slowBySecond(), 0, slow, at, window.slowBySecond().length);
                System.arraycopy(window.maxMicrosBySecond(), 0, max, at, window.maxMicrosBySecond().length);
                at += window.slowBySecond().length;
                clientCpu += window.clientCpuNanos();
            }
            return new Paced(latency, slow, max, clientCpu);
        }

        /** The seconds that had reads slower than 10 ms, e.g. "s3: 41 (max 37.2 ms)"; tail spread or bunched. */
        String slowSeconds() {
            StringBuilder text = new StringBuilder();
            for (int second = 0; second < slowBySecond.length; second++) {
                if (slowBySecond[second] > 0) {
                    text.append(String.format(
                            "s%d: %d (max %.1f ms)  ", second, slowBySecond[second], maxMicrosBySecond[second] / 1e3));
                }
            }
            return text.isEmpty() ? "none" : text.toString().trim();
        }

        /** E.g. "4 of 30 (worst: 707 reads, max 376 ms)": whether a p99 comes from a few bad seconds or all. */
        String secondsOverOnePercent(int rate) {
            int seconds = 0;
            int worst = 0;
            for (int second = 0; second < slowBySecond.length; second++) {
                if (slowBySecond[second] * 100 > rate) {
                    seconds++;
                }
                if (slowBySecond[second] > slowBySecond[worst]) {
                    worst = second;
                }
            }
            return String.format(
                    "%d of %d (worst: %d reads, max %.0f ms)",
                    seconds, slowBySecond.length, slowBySecond[worst], maxMicrosBySecond[worst] / 1e3);
        }
    }

    /** GETs due at a fixed rate, each sent at its slot whatever the earlier ones are doing (open loop). */
    Paced paced(int rate, int seconds, IntFunction<String> path) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        long[] slow = new long[seconds];
        long[] max = new long[seconds];
        int count = rate * seconds;
        CountDownLatch done = new CountDownLatch(count);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long clientCpu = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(eventLoopThreadId);
        long start = System.nanoTime();
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            int second = i / rate;
            LockSupport.parkNanos(due - System.nanoTime());
            get(path.apply(i)).onComplete(answered -> {
                long micros = (System.nanoTime() - due) / 1_000;
                recorder.recordValue(micros);
                if (micros > 10_000) { // answers complete on the one event loop: no other writer
                    slow[second]++;
                }
                max[second] = Math.max(max[second], micros);
                done.countDown();
            });
        }
        await(done);
        clientCpu = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(eventLoopThreadId) - clientCpu;
        return new Paced(recorder.getIntervalHistogram(), slow, max, clientCpu);
    }

    private Future<Void> get(String path) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(path)
                .setTimeout(30_000);
        headers.forEach(options::putHeader);
        return http.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .otherwise(-1)
                .map(status -> {
                    if (status != 200) {
                        failed.incrementAndGet();
                    }
                    return null;
                });
    }

    private static void await(CountDownLatch done) throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " reads had no answer after 10 minutes");
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
