package io.mosaic.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enums of the contract are spelled on the wire as their constant in lower case ({@code FLASH_SALE} is
 * {@code flash_sale}); {@link EventJson} is configured the same way.
 */
public final class WireNames {
    private WireNames() {}

    public static String of(Enum<?> value) {
        return value instanceof EventType type ? type.wireName() : value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> of(e).equals(wireName))
                .findFirst();
    }

    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
