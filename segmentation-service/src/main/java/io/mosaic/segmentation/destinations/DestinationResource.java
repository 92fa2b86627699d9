package io.mosaic.segmentation.destinations;

import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.NotFoundException;
import io.mosaic.common.Paging;
import io.mosaic.events.FieldError;
import io.mosaic.events.PlatformHeaders;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/destinations} (scope {@code destinations:write}): a tenant's webhooks, their deliveries, replay, test. */
@Path("/v1/destinations")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {
    static final int MAX_DELIVERIES_PAGE = 200;

    private final DestinationCatalog catalog;
    private final DestinationSecrets secrets;
    private final DeliveryStore deliveries;
    private final DeliverySender sender;
    private final DestinationsConfig config;
    private final Clock clock;

    public DestinationResource(
            DestinationCatalog catalog,
            DestinationSecrets secrets,
            DeliveryStore deliveries,
            DeliverySender sender,
            DestinationsConfig config,
            Clock clock) {
        this.catalog = catalog;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    /** {@code segments}: null or absent for every segment; {@code changes}: default both. */
    public record DestinationRequest(
            String name,
            String url,
            List<String> segments,
            List<String> changes,
            List<String> include,
            Boolean rotateSecret) {}

    @GET
    @Transactional
    public Map<String, List<DestinationView>> list(@HeaderParam(PlatformHeaders.TENANT) String tenant) {
        return Map.of(
                "items",
                Destination.ofTenant(tenant).stream()
                        .map(destination -> DestinationView.of(destination, null))
                        .toList());
    }

    @GET
    @Path("/{id}")
    @Transactional
    public DestinationView get(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        return DestinationView.of(owned(tenant, id), null);
    }

    @POST
    @Transactional
    public Response create(@HeaderParam(PlatformHeaders.TENANT) String tenant, DestinationRequest request) {
        DestinationRequest valid = DestinationRequests.validate(request, sender.urls());
        if (Destination.count("tenant", tenant) >= config.maxPerTenant()) {
            throw new InvalidRequestException(
                    "Too many destinations",
                    "A tenant has at most " + config.maxPerTenant() + " destinations; delete one first.",
                    List.of(new FieldError("url", "the tenant's destinations are at their limit")));
        }
        Destination destination = new Destination();
        destination.id = UUID.randomUUID();
        destination.tenant = tenant;
        destination.createdAt = clock.instant();
        String secret = secrets.newSecret();
        destination.encryptedSecret = secrets.encrypt(secret);
        apply(destination, valid);
        destination.persist();
        Destination.flush();
        catalog.reload();
        return Response.status(201)
                .entity(DestinationView.of(destination, secret))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public DestinationView replace(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @PathParam("id") String id,
            DestinationRequest request) {
        Destination destination = owned(tenant, id);
        DestinationRequest valid = DestinationRequests.validate(request, sender.urls());
        String secret = null;
        if (Boolean.TRUE.equals(valid.rotateSecret())) {
            secret = secrets.newSecret();
            destination.encryptedSecret = secrets.encrypt(secret);
        }
        apply(destination, valid);
        Destination.flush();
        catalog.reload();
        return DestinationView.of(destination, secret);
    }

    /** Its pending and logged deliveries go with it. */
    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        owned(tenant, id).delete();
        Destination.flush();
        catalog.reload();
        return Response.noContent().build();
    }

    /** The latest deliveries, newest first ({@code limit} 1-200, default 50). */
    @GET
    @Path("/{id}/deliveries")
    @Transactional
    public Map<String, Object> deliveries(
            @HeaderParam(PlatformHeaders.TENANT) String tenant,
            @PathParam("id") String id,
            @QueryParam("limit") String limit) {
        Destination destination = owned(tenant, id);
        int count = Paging.count(limit, "limit", 50, MAX_DELIVERIES_PAGE);
        List<Map<String, Object>> items = new ArrayList<>();
        for (DeliveryStore.Logged logged : deliveries.recent(destination.id, count)) {
            items.add(DeliveryView.of(logged));
        }
        return Map.of("destinationId", destination.id, "items", items);
    }

    /** Dead-lettered deliveries are owed again, each with a fresh retry window. */
    @POST
    @Path("/{id}/replay")
    @Transactional
    public Map<String, Integer> replay(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        return Map.of("replayed", deliveries.replayDead(owned(tenant, id).id, clock.instant()));
    }

    /** Sends a signed {@code destination.test} body now, outside the queue, and answers what the receiver did. */
    @POST
    @Path("/{id}/test")
    public Map<String, Object> test(@HeaderParam(PlatformHeaders.TENANT) String tenant, @PathParam("id") String id) {
        DeliverySender.Outcome outcome = sender.sendTest(target(tenant, id)).join();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivered", outcome.delivered());
        answer.put("status", outcome.status());
        answer.put("latencyMs", outcome.latencyMs());
        answer.put("error", outcome.error());
        return answer;
    }

    private static DestinationCatalog.Target target(String tenant, String id) {
        Destination destination = owned(tenant, id);
        return new DestinationCatalog.Target(
                destination.id,
                tenant,
                destination.url,
                destination.segments,
                destination.changes,
                destination.include == null ? List.of() : destination.include,
                destination.encryptedSecret);
    }

    private static Destination owned(String tenant, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No destination '" + id + "'.");
        }
        Destination destination = Destination.ofTenant(tenant, uuid);
        if (destination == null) {
            throw new NotFoundException("No destination '" + id + "'.");
        }
        return destination;
    }

    private void apply(Destination destination, DestinationRequest request) {
        destination.name = request.name();
        destination.url = request.url();
        destination.segments = request.segments() == null ? null : List.copyOf(request.segments());
        destination.changes = request.changes() == null ? List.of("entered", "exited") : List.copyOf(request.changes());
        destination.include =
                request.include() == null || request.include().isEmpty() ? null : List.copyOf(request.include());
        destination.updatedAt = clock.instant();
    }
}
