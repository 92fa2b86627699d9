package io.mosaic.gateway.keys;

import io.mosaic.gateway.routing.FrontDoor;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/me}: the presented key's id, tenant and scopes, so a client (the console) shows what it may do. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Me(String keyId, String tenant, List<String> scopes, boolean platformAdmin) {}

    @GET
    public Me me(@Context RoutingContext context) {
        Caller caller = FrontDoor.caller(context);
        return new Me(
                caller.keyId(),
                caller.tenant(),
                caller.scopes().stream().map(Scope::wireName).sorted().toList(),
                caller.platformAdmin());
    }
}
