package io.mosaic.segmentation.destinations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on loopback, as a tenant would run one: it checks each request's signature with the secret it
 * was given and answers as scripted (a status, a delay, or a dropped connection), then {@code 200}.
 */
final class Receiver implements AutoCloseable {
    /** One scripted answer: a status after a delay, or (status 0) the connection closed without an answer. */
    record Answer(int status, long delayMillis, Map<String, String> headers) {
        static Answer status(int status) {
            return new Answer(status, 0, Map.of());
        }
    }

    /** What arrived, and whether its signature was right. */
    record Request(String deliveryId, String body, boolean signed, long arrivedNanos) {}

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService delayed = Executors.newScheduledThreadPool(4);
    private volatile Answer always = Answer.status(200);
    private volatile String secret;
    private HttpServer server;
    private int port;

    Receiver() throws IOException {
        start(0);
    }

    void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops answering (connections are refused) until {@link #start(int)} on the same port. */
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    int port() {
        return port;
    }

    void secret(String secret) {
        this.secret = secret;
    }

    void then(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void always(Answer answer) {
        always = answer;
    }

    /** Every request that reached it, answered or not. */
    int attempts() {
        return attempts.get();
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        attempts.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("Mosaic-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("Mosaic-Signature");
        boolean signed = secret != null
                && timestamp != null
                && DestinationSecrets.signature(secret, Long.parseLong(timestamp), body)
                        .equals(signature);
        Answer answer = script.poll();
        if (answer == null) {
            answer = always;
        }
        Answer chosen = answer;
        if (chosen.delayMillis() > 0) {
            // a slow receiver: the answer goes out later, from another thread, while this one takes other requests
            delayed.schedule(() -> answer(exchange, chosen, body, signed), chosen.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            answer(exchange, chosen, body, signed);
        }
    }

    private void answer(HttpExchange exchange, Answer answer, byte[] body, boolean signed) {
        try {
            if (answer.status() == 0) {
                exchange.close(); // no answer at all: the sender sees the connection drop
                return;
            }
            if (answer.status() >= 200 && answer.status() < 300) {
                received.add(new Request(
                        exchange.getRequestHeaders().getFirst("Mosaic-Delivery-Id"),
                        new String(body, StandardCharsets.UTF_8),
                        signed,
                        System.nanoTime()));
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException e) {
            // the sender gave up waiting and closed the connection: what a slow receiver meets
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delayed.shutdownNow();
    }
}
