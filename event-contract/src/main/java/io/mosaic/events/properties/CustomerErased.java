package io.mosaic.events.properties;

import java.util.Map;

/** {@code customer.erased}: produced by the platform on an erasure request; carries no personal data. */
public record CustomerErased() implements EventProperties {

    @Override
    public Map<String, Object> custom() {
        return Map.of();
    }
}
