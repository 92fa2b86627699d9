package io.mosaic.profile.stream;

import io.mosaic.profile.identity.IdentifierKey;

/** Identifiers as a profile state keeps them: {@code kind:value}. */
public final class Identifiers {
    private Identifiers() {}

    static String stored(IdentifierKey key) {
        return key.kind().wireName() + ":" + key.value();
    }

    public static IdentifierKey parse(String stored) {
        int colon = stored.indexOf(':');
        return new IdentifierKey(
                IdentifierKey.Kind.fromWireName(stored.substring(0, colon)), stored.substring(colon + 1));
    }
}
