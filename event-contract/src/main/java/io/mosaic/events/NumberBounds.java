package io.mosaic.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The numbers Mosaic accepts anywhere (event properties, rule values): finite, less than 10^15 in magnitude and
 * with at most 6 decimal places. A parser takes {@code 1e999999999} happily, but adding it to an aggregate builds a
 * billion-digit number; bounded here, where the value enters, every later sum stays a few dozen digits.
 */
public final class NumberBounds {
    /** Largest power of ten a number stays below: 10^15 covers any amount in rupiah with room to spare. */
    public static final int MAX_DIGITS_BEFORE_POINT = 15;

    public static final int MAX_DECIMAL_PLACES = 6;

    public static final String RULE = "must be a finite number below 10^" + MAX_DIGITS_BEFORE_POINT
            + " in magnitude with at most " + MAX_DECIMAL_PLACES + " decimal places";

    private NumberBounds() {}

    /** The number, trailing zeros stripped, when {@code value} is a JSON number within the bounds. */
    public static Optional<BigDecimal> of(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return Optional.empty();
        }
        return of(value.decimalValue());
    }

    public static Optional<BigDecimal> of(BigDecimal number) {
        // precision - scale is the number of digits before the point; both are cheap to read, whatever the size
        if (number.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        if ((long) number.precision() - number.scale() > MAX_DIGITS_BEFORE_POINT) {
            return Optional.empty();
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() > MAX_DECIMAL_PLACES ? Optional.empty() : Optional.of(stripped);
    }
}
