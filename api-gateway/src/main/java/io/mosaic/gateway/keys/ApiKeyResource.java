package io.mosaic.gateway.keys;

import io.mosaic.events.EventValidator;
import io.mosaic.gateway.GatewayProblem;
import io.mosaic.gateway.routing.FrontDoor;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/api-keys} (scope {@code admin}): create, list, revoke. The plain key is in the creation answer only.
 * A tenant's admin key manages that tenant's keys; the bootstrap key manages every tenant's.
 */
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // JDBC
public class ApiKeyResource {
    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final Authenticator authenticator;
    private final Clock clock;

    public ApiKeyResource(ApiKeyStore store, KeyHasher hasher, Authenticator authenticator, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    public record CreateRequest(String tenant, String name, List<String> scopes) {}

    @POST
    public Response create(@Context RoutingContext context, CreateRequest request) {
        Caller caller = FrontDoor.caller(context);
        if (request == null) {
            throw GatewayProblem.invalid("tenant", "is required");
        }
        String tenant = request.tenant() == null ? caller.tenant() : request.tenant();
        if (!EventValidator.isValidTenant(tenant)) {
            throw GatewayProblem.invalid(
                    "tenant", "must be 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw GatewayProblem.invalid("name", "is required, at most 100 characters");
        }
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw GatewayProblem.invalid("scopes", "must name at least one scope");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < request.scopes().size(); i++) {
            String name = request.scopes().get(i);
            scopes.add(Scope.fromWireName(name)
                    .orElseThrow(() -> GatewayProblem.invalid(
                            "scopes",
                            "has an unknown scope '" + name + "'; known: events:write, profiles:read,"
                                    + " profiles:erase, segments:read, segments:write, ops:read, admin")));
        }
        if (!caller.managesKeysOf(tenant)) {
            throw GatewayProblem.notFound("No tenant '" + tenant + "' for this key.");
        }
        if (scopes.contains(Scope.OPS_READ) && !caller.platformAdmin()) {
            // consumer lag and health are the whole platform's, every tenant's volumes included
            throw new GatewayProblem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "Only the platform admin key grants 'ops:read': it shows every tenant's volumes.",
                    List.of());
        }
        KeyHasher.NewKey key = hasher.newKey();
        ApiKeyStore.StoredKey stored = new ApiKeyStore.StoredKey(
                key.id(), tenant, request.name().strip(), scopes, hasher.hash(key.key()), clock.instant(), null);
        store.insert(stored);
        Map<String, Object> body = view(stored);
        body.put("key", key.key());
        return Response.status(201).entity(body).build();
    }

    @GET
    public Map<String, Object> list(@Context RoutingContext context) {
        Caller caller = FrontDoor.caller(context);
        List<Map<String, Object>> items = store.list(caller.platformAdmin() ? null : caller.tenant()).stream()
                .map(ApiKeyResource::view)
                .toList();
        return Map.of("items", items);
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@Context RoutingContext context, @PathParam("id") String id) {
        Caller caller = FrontDoor.caller(context);
        ApiKeyStore.StoredKey key = store.find(id)
                .filter(found -> caller.managesKeysOf(found.tenant()))
                .orElseThrow(() -> GatewayProblem.notFound("No key '" + id + "'."));
        store.revoke(key.id(), clock.instant());
        authenticator.forget(key.id());
        return Response.noContent().build();
    }

    private static Map<String, Object> view(ApiKeyStore.StoredKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("tenant", key.tenant());
        view.put("name", key.name());
        view.put("scopes", key.scopes().stream().map(Scope::wireName).toList());
        view.put("createdAt", key.createdAt().toString());
        view.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return view;
    }
}
