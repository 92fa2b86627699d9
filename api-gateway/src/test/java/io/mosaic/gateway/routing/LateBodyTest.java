package io.mosaic.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.CapturedLog;
import io.mosaic.gateway.GatewayTestBase;
import io.mosaic.gateway.StubServices;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A body still arriving after the service timed out is dropped without an exception for every chunk: the caller
 * has its 504 already.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
@TestProfile(LateBodyTest.ShortTimeout.class)
class LateBodyTest extends GatewayTestBase {
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mosaic.gateway.downstream.timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void theRestOfABodyAfterTheTimeoutIsDroppedWithoutAnError() throws Exception {
        // the root logger: the uncaught exception is logged by Vert.x's recorder
        try (CapturedLog log = CapturedLog.of("")) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.setSoTimeout(10_000);
                String key = key(tenant, "events:write");
                byte[] half = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/events/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                                + "\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(half);
                out.flush();

                // the stub waits for the whole body, so the gateway's 1 s timeout answers first
                InputStream in = socket.getInputStream();
                byte[] head = new byte[12];
                assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 504");

                sendLate(out, half);
            }
            try {
                // the late bytes reach the gateway's event loop after the socket is done with: watch for a while
                Awaitility.await()
                        .during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> uncaught(log).isEmpty());
            } catch (ConditionTimeoutException e) {
                assertThat(uncaught(log))
                        .extracting(record -> record.getMessage() + " " + record.getThrown())
                        .isEmpty();
            }
        }
    }

    /** The rest of the body, after the answer; the gateway may have closed the connection by then. */
    private static void sendLate(OutputStream out, byte[] bytes) throws java.io.IOException {
        try {
            for (int i = 0; i < 10; i++) {
                out.write(bytes, 0, 10_000);
                out.flush();
            }
        } catch (java.net.SocketException closed) {
            // refused late bytes are as good as dropped ones; the log is what is checked
        }
    }

    /** Errors logged with an exception: the rest is the timeout's own report. */
    private static List<LogRecord> uncaught(CapturedLog log) {
        return log.records().stream()
                .filter(record -> record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getThrown() != null)
                .toList();
    }
}
