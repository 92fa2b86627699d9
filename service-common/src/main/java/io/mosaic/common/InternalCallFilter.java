package io.mosaic.common;

import io.mosaic.events.EventValidator;
import io.mosaic.events.PlatformHeaders;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Only the api-gateway may call this service: it sends the internal token and the caller's tenant. Anything
 * else is refused before it reaches a resource, so bypassing the gateway gets nothing.
 */
public class InternalCallFilter {
    private final byte[] expectedTokenDigest;

    public InternalCallFilter(@ConfigProperty(name = "mosaic.internal-token") String internalToken) {
        this.expectedTokenDigest = sha256(internalToken);
    }

    @ServerRequestFilter
    public Optional<Response> requireGateway(ContainerRequestContext request) {
        String token = request.getHeaderString(PlatformHeaders.INTERNAL_TOKEN);
        // Digests have one length, so the constant-time comparison does not leak the token's length either.
        if (token == null || !MessageDigest.isEqual(sha256(token), expectedTokenDigest)) {
            return Optional.of(refuse(
                    401,
                    "Unauthenticated",
                    "This service is reached through the api-gateway; call the gateway with your API key."));
        }
        if (!EventValidator.isValidTenant(request.getHeaderString(PlatformHeaders.TENANT))) {
            return Optional.of(refuse(
                    400, "Missing tenant", "The gateway must send " + PlatformHeaders.TENANT + " with the tenant."));
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = request.getHeaderString(PlatformHeaders.REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle(PlatformHeaders.REQUEST_ID, requestId);
        }
    }

    private static Response refuse(int status, String title, String detail) {
        return Problem.of(status == 401 ? "unauthenticated" : "missing-tenant", title, status, detail)
                .toResponse()
                .build();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
