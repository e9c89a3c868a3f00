package com.kobatela.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money amount normalisation: every amount is a {@link BigDecimal} with scale 2, rounded HALF_UP
 * (spec {@code rules.md#money}: {@code 33.335 -> 33.34}). Amounts never pass through binary floating point.
 */
public final class Amounts {

    private Amounts() {
    }

    /**
     * True when the value fits {@code numeric(18,2)} once rounded (at most 16 integer digits). Checked before
     * rounding so that a hostile exponent ({@code 1e999999999}) is refused without building a huge number.
     */
    public static boolean inRange(BigDecimal value) {
        return value.precision() - value.scale() <= 16;
    }

    /**
     * Rounds to scale 2, HALF_UP.
     *
     * @param value any decimal, not null
     * @return the same value with scale 2
     */
    public static BigDecimal normalize(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Parses a decimal written as text ("100", "100.5", "1e2"), then normalises it.
     *
     * @throws NumberFormatException when the text is not a decimal number
     */
    public static BigDecimal parse(String text) {
        BigDecimal value = new BigDecimal(text.trim());
        if (!inRange(value)) {
            throw new NumberFormatException("amount out of range");
        }
        return normalize(value);
    }

    /** True when the (normalised) amount is strictly greater than 0.00. */
    public static boolean isPositive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    /** The JSON representation: plain string with exactly two decimals ({@code "500.00"}). */
    public static String format(BigDecimal value) {
        return normalize(value).toPlainString();
    }
}
