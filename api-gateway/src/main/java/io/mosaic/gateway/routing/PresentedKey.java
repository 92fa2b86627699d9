package io.mosaic.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The API key a request presents, in whichever of the three places a client may put it. */
final class PresentedKey {
    /** Base64 of a key and a password of a few hundred characters at most: anything longer is no credential. */
    private static final int MAX_BASIC_CREDENTIALS = 1_024;

    private PresentedKey() {}

    /**
     * The key as {@code Authorization: Bearer <key>}, as {@code Authorization: Basic} with the key as the user name
     * (how analytics SDKs send their "write key"; the password is ignored), or as {@code X-API-Key}.
     */
    static String of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicUser(authorization.substring(6).trim());
        }
        return request.getHeader("X-API-Key");
    }

    /** The user name of Basic credentials, or null when they are not Base64 of {@code user:password}. */
    private static String basicUser(String encoded) {
        if (encoded.length() > MAX_BASIC_CREDENTIALS) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
