package io.mosaic.events;

/** Whether a field must be present in client input. A JSON {@code null} counts as absent. */
public enum Presence {
    REQUIRED,
    OPTIONAL
}
