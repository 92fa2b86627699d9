package io.mosaic.gateway.keys;

import java.util.Optional;

/** What a key may do (docs/API.md). */
public enum Scope {
    EVENTS_WRITE("events:write"),
    PROFILES_READ("profiles:read"),
    PROFILES_ERASE("profiles:erase"),
    SEGMENTS_READ("segments:read"),
    SEGMENTS_WRITE("segments:write"),
    OPS_READ("ops:read"),
    DESTINATIONS_WRITE("destinations:write"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
