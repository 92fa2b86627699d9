package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * One operator and its operand, applied to a customer's value. Strings compare without regard to case; a list
 * value matches {@code eq}/{@code in}/{@code contains} when any element does. A missing value fails every operator
 * but {@code neq}, {@code nin} and {@code exists: false}.
 */
public record Comparison(Op op, JsonNode operand) {

    public boolean test(Object actual) {
        return switch (op) {
            case EXISTS -> (actual != null) == operand.asBoolean(true);
            case EQ -> actual != null && anyElement(actual, this::equalsOperand);
            case NEQ -> actual == null || !anyElement(actual, this::equalsOperand);
            case IN -> actual != null && anyElement(actual, this::inOperand);
            case NIN -> actual == null || !anyElement(actual, this::inOperand);
            case CONTAINS -> actual != null && contains(actual);
            case GT, GTE, LT, LTE -> compare(actual);
        };
    }

    private boolean equalsOperand(Object value) {
        return equal(value, operand);
    }

    private boolean inOperand(Object value) {
        for (JsonNode candidate : operand) {
            if (equal(value, candidate)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(Object actual) {
        if (actual instanceof Collection<?>) {
            return anyElement(actual, this::equalsOperand);
        }
        return actual.toString()
                .toLowerCase(Locale.ROOT)
                .contains(operand.asText().toLowerCase(Locale.ROOT));
    }

    private boolean compare(Object actual) {
        BigDecimal value = number(actual);
        if (value == null) {
            return false;
        }
        int comparison = value.compareTo(operand.decimalValue());
        return switch (op) {
            case GT -> comparison > 0;
            case GTE -> comparison >= 0;
            case LT -> comparison < 0;
            default -> comparison <= 0;
        };
    }

    private static boolean anyElement(Object actual, java.util.function.Predicate<Object> test) {
        if (actual instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).anyMatch(test);
        }
        return test.test(actual);
    }

    static boolean equal(Object value, JsonNode expected) {
        if (expected.isNumber()) {
            BigDecimal number = number(value);
            return number != null && number.compareTo(expected.decimalValue()) == 0;
        }
        if (expected.isBoolean()) {
            return value instanceof Boolean b && b == expected.booleanValue();
        }
        return value.toString().equalsIgnoreCase(expected.asText());
    }

    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return null;
    }
}
