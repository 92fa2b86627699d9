package io.mosaic.profile.stream;

import io.mosaic.profile.identity.IdentifierKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A message to the owner of one identifier's claims, through the claims topic keyed by tenant and identifier (so
 * every claim on an identifier is decided by one task, in order):
 *
 * <ul>
 *   <li>{@code CLAIM}: {@code presenter} (a customer id, now part of {@code survivor}, first seen at
 *       {@code firstSeenAt}) presented the identifier;
 *   <li>{@code MOVE}: the customer {@code from} was merged into {@code survivor};
 *   <li>{@code RELEASE}: the customers {@code ids} were erased.
 * </ul>
 */
public record Claim(Kind kind, String presenter, String survivor, long firstSeenAt, String from, List<String> ids) {
    public enum Kind {
        CLAIM,
        MOVE,
        RELEASE
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    static Claim claim(String presenter, String survivor, long firstSeenAt) {
        return new Claim(Kind.CLAIM, presenter, survivor, firstSeenAt, null, null);
    }

    static Claim move(String from, String survivor, long firstSeenAt) {
        return new Claim(Kind.MOVE, null, survivor, firstSeenAt, from, null);
    }

    static Claim release(List<String> ids) {
        return new Claim(Kind.RELEASE, null, null, 0, null, ids);
    }

    /**
     * The claims key of an identifier: {@code tenant:kind:digest}. The value itself is not in it (nor in the claims
     * store and its changelog): an erased customer's email is not left behind in a key.
     */
    static String key(String tenant, IdentifierKey identifier) {
        byte[] digest = SHA_256.get()
                .digest((tenant + ":" + identifier.kind().wireName() + ":" + identifier.value())
                        .getBytes(StandardCharsets.UTF_8));
        return tenant + ":" + identifier.kind().wireName() + ":"
                + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The key of a stored {@code kind:value} identifier (see {@link ProfileState#identifiers}). */
    static String key(String tenant, String storedIdentifier) {
        return key(tenant, Identifiers.parse(storedIdentifier));
    }

    /** The kind named in a claims key. */
    static IdentifierKey.Kind kindOf(String claimKey) {
        int first = claimKey.indexOf(':');
        return IdentifierKey.Kind.fromWireName(claimKey.substring(first + 1, claimKey.indexOf(':', first + 1)));
    }
}
