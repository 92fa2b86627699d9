package io.mosaic.segmentation.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One signed POST to a destination. Its URL is checked again first (a host name can be re-pointed into a private
 * range after the destination was made); redirects are not followed. The answer is classified for the retry policy.
 */
@ApplicationScoped
public class DeliverySender {
    /** Threads for URL checks and the client's own work; how many run is bounded by the destinations' slots. */
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mosaic-webhook-sender");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient http;
    private final DestinationUrls urls;
    private final DestinationSecrets secrets;
    private final ProfileFields profiles;
    private final Duration timeout;
    private final Clock clock;

    public DeliverySender(DestinationsConfig config, DestinationSecrets secrets, ProfileFields profiles, Clock clock) {
        this.profiles = profiles;
        this.urls = new DestinationUrls(config.allowedRanges().orElse(java.util.List.of()));
        this.secrets = secrets;
        this.timeout = config.timeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .executor(senders)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public DestinationUrls urls() {
        return urls;
    }

    /** What came of one attempt. {@code retry}: worth trying again; {@code retryAfter}: the receiver asked for it. */
    public record Outcome(
            boolean delivered, boolean retry, Integer status, int latencyMs, String error, Duration retryAfter) {}

    /** Sends a queued delivery: with the profile fields the destination wants, read now. */
    public CompletableFuture<Outcome> send(
            DestinationCatalog.Target target, String deliveryId, String customerId, byte[] body) {
        if (target.include().isEmpty()) {
            return send(target, deliveryId, body);
        }
        return profiles.read(target.tenant(), customerId, target.include())
                .thenCompose(profile -> send(target, deliveryId, withProfile(body, profile)))
                .exceptionally(failure ->
                        new Outcome(false, true, null, 0, "the customer's profile could not be read; retried", null));
    }

    private static byte[] withProfile(byte[] body, JsonNode profile) {
        try {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(body);
            json.set("profile", profile);
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed {@code destination.test} body, sent now outside the queue: what an owner checks a URL with. */
    public CompletableFuture<Outcome> sendTest(DestinationCatalog.Target target) {
        Map<String, Object> body = new LinkedHashMap<>();
        String deliveryId = UUID.randomUUID().toString();
        body.put("id", deliveryId);
        body.put("type", "destination.test");
        body.put("tenant", target.tenant());
        body.put("at", clock.instant().toString());
        try {
            return send(target, deliveryId, EventJson.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the URL (a DNS lookup, which can be slow for one tenant's host) on the senders' own threads, never on
     * the caller's: the dispatcher's loop serves every destination.
     */
    public CompletableFuture<Outcome> send(DestinationCatalog.Target target, String deliveryId, byte[] body) {
        return CompletableFuture.supplyAsync(() -> urls.refusal(target.url()), senders)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.completedFuture(
                                new Outcome(false, false, null, 0, "the URL " + refusal.get(), null))
                        : post(target, deliveryId, body))
                // a delivery that could not even be signed or sent (a secret that no longer decrypts) is an attempt
                // that failed: retried, then dead-lettered with its reason, never lost in a claim that runs out
                .exceptionally(failure -> new Outcome(
                        false,
                        true,
                        null,
                        0,
                        "not sent: "
                                + (failure.getCause() != null ? failure.getCause() : failure)
                                        .getClass()
                                        .getSimpleName(),
                        null));
    }

    private CompletableFuture<Outcome> post(DestinationCatalog.Target target, String deliveryId, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        String secret = secrets.decrypt(target.encryptedSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mosaic-Webhooks/1")
                .header("Mosaic-Delivery-Id", deliveryId)
                .header("Mosaic-Timestamp", Long.toString(timestamp))
                .header("Mosaic-Signature", DestinationSecrets.signature(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            int latency = (int) ((System.nanoTime() - started) / 1_000_000);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                String error = cause instanceof HttpTimeoutException
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : cause instanceof IOException
                                ? "connection failed: " + cause.getClass().getSimpleName()
                                : "request failed: " + cause.getClass().getSimpleName();
                return new Outcome(false, true, null, latency, error, null);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, false, status, latency, null, null);
            }
            boolean retry = status == 408 || status == 429 || status >= 500;
            return new Outcome(
                    false,
                    retry,
                    status,
                    latency,
                    "answered " + status,
                    retryAfter(response.headers().firstValue("Retry-After"), clock.instant()));
        });
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
