package io.mosaic.events.properties;

import java.util.Map;

/** {@code consent.updated}: the customer granted or withdrew consent for one purpose. */
public record ConsentUpdated(Purpose purpose, boolean granted, Map<String, Object> custom) implements EventProperties {

    public enum Purpose {
        PROFILING,
        MARKETING,
        ANALYTICS
    }
}
