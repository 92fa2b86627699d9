package io.mosaic.events;

import java.util.Map;

/**
 * Ways to recognise a customer across systems, normalised: {@code email} lower-cased, {@code phone} and
 * {@code whatsapp} in E.164. {@code externalIds} maps a system name to the customer's id there.
 */
public record Identifiers(String email, String phone, String whatsapp, Map<String, String> externalIds) {

    public static final Identifiers NONE = new Identifiers(null, null, null, Map.of());

    public Identifiers {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    }

    public boolean isEmpty() {
        return email == null && phone == null && whatsapp == null && externalIds.isEmpty();
    }
}
