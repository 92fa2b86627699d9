package io.mosaic.gateway.keys;

import io.mosaic.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes keys and their keyed hashes. A key is {@code mk_<id>_<secret>}: the id finds the row, the HMAC-SHA256 of
 * the whole key under the pepper proves it. Keys have 256 random bits, so a fast keyed hash is enough (no
 * password stretching needed) and verification stays cheap on every request.
 */
@ApplicationScoped
public class KeyHasher {
    private static final String PREFIX = "mk_";
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;
    /** Every request hashes its key: a Mac per thread, as looking one up and keying it cost more than hashing. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    public KeyHasher(GatewayConfig config) {
        this(config.gateway().keyPepper());
    }

    KeyHasher(String pepper) {
        if (pepper == null || pepper.length() < 16) {
            throw new IllegalStateException(
                    "mosaic.gateway.key-pepper (MOSAIC_GATEWAY_KEY_PEPPER) must be a secret of at least 16 characters");
        }
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A new key: its id and the plain key, which is shown once and never stored. */
    public record NewKey(String id, String key) {}

    public NewKey newKey() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        return new NewKey(
                keyId,
                PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The id part of a presented key, or null when it does not look like a Mosaic key. */
    public static String idOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return null;
        }
        int end = key.indexOf('_', PREFIX.length());
        return end == PREFIX.length() + 12 ? key.substring(PREFIX.length(), end) : null;
    }

    public byte[] hash(String key) {
        return macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** Constant-time: how long it takes says nothing about how much of the key was right. */
    public boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
