package io.mosaic.gateway.ops;

import io.mosaic.gateway.GatewayProblem;
import io.mosaic.gateway.routing.Downstreams;
import io.mosaic.gateway.routing.Route;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** {@code /v1/ops} (scope {@code ops:read}): consumer lag, dead-lettered records and the services' readiness. */
@Path("/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OpsResource {
    private final ConsumerLag lag;
    private final DeadLetters deadLetters;
    private final Downstreams downstreams;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OpsResource(ConsumerLag lag, DeadLetters deadLetters, Downstreams downstreams) {
        this.lag = lag;
        this.deadLetters = deadLetters;
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

    /** {@code limit}: 1-100, default 20. */
    @GET
    @Path("/dead-letters")
    public DeadLetters.Page deadLetters(@QueryParam("limit") String limit) {
        int count = 20;
        if (limit != null) {
            try {
                count = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > DeadLetters.MAX_LIMIT) {
                throw GatewayProblem.invalid("limit", "must be a whole number from 1 to " + DeadLetters.MAX_LIMIT);
            }
        }
        try {
            return deadLetters.latest(count);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new GatewayProblem(
                    503, "kafka-unavailable", "Service unavailable", "Kafka did not answer; retry shortly.", List.of());
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
