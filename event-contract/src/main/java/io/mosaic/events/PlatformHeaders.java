package io.mosaic.events;

/**
 * HTTP headers between the api-gateway and the services. The gateway sets them from the caller's API key and
 * strips any a caller sent; services refuse calls without the internal token.
 */
public final class PlatformHeaders {
    public static final String TENANT = "X-Mosaic-Tenant";
    public static final String INTERNAL_TOKEN = "X-Mosaic-Internal-Token";
    public static final String REQUEST_ID = "X-Request-Id";

    private PlatformHeaders() {}
}
