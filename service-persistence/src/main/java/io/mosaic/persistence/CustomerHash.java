package io.mosaic.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A one-way stand-in for a customer id, so erased customers can be recognised without keeping their id. */
public final class CustomerHash {
    /** One digest per thread: looking the algorithm up was a measurable part of applying an event. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    private CustomerHash() {}

    public static String of(String tenant, String customerId) {
        return HexFormat.of()
                .formatHex(SHA_256.get().digest((tenant + ":" + customerId).getBytes(StandardCharsets.UTF_8)));
    }
}
