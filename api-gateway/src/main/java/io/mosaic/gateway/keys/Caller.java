package io.mosaic.gateway.keys;

import java.util.Set;

/**
 * Who a request comes from, as its key says. {@code platformAdmin}: the bootstrap key, which manages the keys of
 * every tenant, reads the platform's operations and no tenant's data, and alone grants {@code ops:read}.
 */
public record Caller(String keyId, String tenant, Set<Scope> scopes, boolean platformAdmin) {
    public static final String PLATFORM = "*";

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }

    /** Whether the caller may manage the keys of {@code tenant}. */
    public boolean managesKeysOf(String tenant) {
        return may(Scope.ADMIN) && (platformAdmin || this.tenant.equals(tenant));
    }
}
