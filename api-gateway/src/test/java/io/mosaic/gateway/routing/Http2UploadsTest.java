package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.GatewayTestBase;
import io.mosaic.gateway.StubServices;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many uploads at once on one HTTP/2 connection, more than the gateway forwards at a time: a request that waits for
 * its turn must not stop the bodies of those being forwarded (HTTP/2 flow control is shared by the connection).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
@TestProfile(Http2UploadsTest.ManyRequests.class)
class Http2UploadsTest extends GatewayTestBase {
    /** An application of its own, whose rate limit lets the uploads through. */
    public static class ManyRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mosaic.gateway.rate-limit.rate", "1000", "mosaic.gateway.rate-limit.burst", "1000");
        }
    }

    private static final int UPLOADS = 64;

    @TestHTTPResource("/v1/events/batch")
    URI batches;

    @Test
    void concurrentUploadsOnOneConnectionAreAllForwarded() {
        String key = key(tenant, "events:write");
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // an answered request first: it upgrades the connection to HTTP/2 (h2c), which the uploads then share
        assertThat(client.sendAsync(upload(key, 1), HttpResponse.BodyHandlers.discarding())
                        .join()
                        .version())
                .isEqualTo(HttpClient.Version.HTTP_2);

        List<CompletableFuture<HttpResponse<Void>>> answers = IntStream.range(0, UPLOADS)
                .mapToObj(i -> client.sendAsync(upload(key, 60_000), HttpResponse.BodyHandlers.discarding()))
                .toList();

        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(202));
    }

    /** A batch body of about {@code bytes} bytes (the stub answers 202 whatever it holds). */
    private HttpRequest upload(String key, int bytes) {
        String body = "{\"events\": [], \"padding\": \"" + "x".repeat(bytes) + "\"}";
        return HttpRequest.newBuilder(batches)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
