package io.mosaic.segmentation.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.PlatformHeaders;
import io.mosaic.segmentation.stream.StateQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the other instances of the application for their share of a question over every customer: each holds the
 * customer stores of the partitions it runs, so a preview or insights is this instance's answer plus theirs. The
 * instances are the group's members as Kafka Streams knows them ({@code application.server} of each); they are
 * called on their internal routes ({@code PeerResource}) with the internal token.
 */
@ApplicationScoped
public class PeerQueries {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Another instance did not answer its share: the whole answer would be wrong, so none is given. */
    public static final class PeerUnavailableException extends RuntimeException {
        PeerUnavailableException(HostInfo peer, String why) {
            super("instance " + peer.host() + ":" + peer.port() + " did not answer its share: " + why);
        }
    }

    private final KafkaStreams streams;
    private final String self;
    private final String internalToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param config the configuration the topology runs with: its {@code application.server} is this instance as the
     *     group knows it (read there, not from the configuration again: in tests the port is chosen after start)
     */
    public PeerQueries(
            KafkaStreams streams,
            StreamsConfig config,
            @ConfigProperty(name = "mosaic.internal-token") String internalToken) {
        this.streams = streams;
        this.self = config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.internalToken = internalToken;
    }

    /** The other instances in the group now. */
    public List<HostInfo> others() {
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> host.port() > 0 && !(host.host() + ":" + host.port()).equals(self))
                .distinct()
                .toList();
    }

    public StateQueries.Preview preview(HostInfo peer, String tenant, JsonNode rule, Instant at) {
        return post(
                peer, "/internal/segments/preview", tenant, Map.of("rule", rule, "at", at), StateQueries.Preview.class);
    }

    public StateQueries.InsightsTally insights(HostInfo peer, String tenant, String segmentId, Instant at) {
        return post(
                peer,
                "/internal/segments/insights",
                tenant,
                Map.of("segmentId", segmentId, "at", at),
                StateQueries.InsightsTally.class);
    }

    private <T> T post(HostInfo peer, String path, String tenant, Object body, Class<T> type) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + path))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(PlatformHeaders.INTERNAL_TOKEN, internalToken)
                    .header(PlatformHeaders.TENANT, tenant)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            EventJson.mapper().writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new PeerUnavailableException(peer, "status " + response.statusCode());
            }
            return EventJson.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(peer, "interrupted");
        }
    }
}
