package io.mosaic.gateway.ops;

import io.mosaic.gateway.GatewayProblem;
import io.mosaic.gateway.routing.Downstreams;
import io.mosaic.gateway.routing.Route;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/ops} (scope {@code ops:read}): consumer lag and the services' readiness. */
@Path("/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OpsResource {
    private final ConsumerLag lag;
    private final Downstreams downstreams;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OpsResource(ConsumerLag lag, Downstreams downstreams) {
        this.lag = lag;
        this.downstreams = downstreams;
    }

    @GET
    @Path("/consumer-lag")
    public Map<String, List<ConsumerLag.GroupLag>> consumerLag() {
        try {
            return Map.of("groups", lag.read());
        } catch (ConsumerLag.KafkaUnavailableException e) {
            throw new GatewayProblem(503, "kafka-unavailable", "Service unavailable", e.getMessage(), List.of());
        }
    }

    @GET
    @Path("/health")
    public Map<String, Object> health() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("api-gateway", "UP");
        downstreams.bases().forEach((service, base) -> services.put(name(service), readiness(base)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", services.values().stream().allMatch("UP"::equals) ? "UP" : "DOWN");
        body.put("services", services);
        return body;
    }

    private String readiness(String base) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (java.io.IOException e) {
            return "DOWN";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN";
        }
    }

    private static String name(Route.Service service) {
        return service.name().toLowerCase(Locale.ROOT) + "-service";
    }
}
