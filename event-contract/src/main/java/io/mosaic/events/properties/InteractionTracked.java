package io.mosaic.events.properties;

import java.util.Map;

/**
 * {@code interaction.tracked}: something the customer did that has no type of its own, known by its name (an app's
 * "Video Played", a page or screen viewed), kept on the timeline and countable in segment rules by that name. The
 * Segment Spec's {@code track}, {@code page} and {@code screen} calls map here; {@code kind} says which.
 */
public record InteractionTracked(String name, Kind kind, Map<String, Object> custom) implements EventProperties {

    public enum Kind {
        TRACK,
        PAGE,
        SCREEN
    }
}
