package io.mosaic.segmentation.destinations;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing secrets: made here (256 random bits, shown to the tenant once), kept encrypted (AES-GCM under a key
 * derived from {@code mosaic.destinations.secret-key}, or from the internal token when none is set), and used to
 * sign each delivery: HMAC-SHA256 over {@code <timestamp>.<body>}.
 */
@ApplicationScoped
public class DestinationSecrets {
    private static final int NONCE = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public DestinationSecrets(
            DestinationsConfig config, @ConfigProperty(name = "mosaic.internal-token") String internalToken) {
        this.key = new SecretKeySpec(
                sha256("mosaic-destination-secrets:" + config.secretKey().orElse(internalToken)), "AES");
    }

    /** A new secret as the tenant sees it: {@code whsec_} and 43 URL-safe Base64 characters. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a destination secret", e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, NONCE));
            return new String(cipher.doFinal(stored, NONCE, stored.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a destination secret cannot be decrypted: was mosaic.destinations.secret-key changed?", e);
        }
    }

    /** {@code v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}: what the {@code Mosaic-Signature} header holds. */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
