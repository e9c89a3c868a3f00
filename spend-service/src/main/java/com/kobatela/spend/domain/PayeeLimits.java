package com.kobatela.spend.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Pure rules of allowed payee limits (spec {@code rules.md#payees} steps 6 to 8). Amounts scale 2 in the escrow's
 * currency; days are UTC calendar dates.
 */
public final class PayeeLimits {

    /** Outcome of the limit checks, in the spec's order. */
    public enum Verdict {
        /** Within both limits (reaching a limit exactly is allowed). */
        OK,
        /** {@code spent_today + amount > daily_limit}. */
        DAILY_LIMIT_REACHED,
        /** {@code spent_total + amount > total_limit}. */
        TOTAL_LIMIT_REACHED
    }

    private PayeeLimits() {
    }

    /** True when the daily counter belongs to another day than {@code today} (or was never reset): reset it. */
    public static boolean needsReset(LocalDate lastResetAt, LocalDate today) {
        return lastResetAt == null || !lastResetAt.equals(today);
    }

    /** What was spent on {@code today}: the counter, or zero when it belongs to another day. */
    public static BigDecimal spentOn(LocalDate today, LocalDate lastResetAt, BigDecimal spentToday) {
        return needsReset(lastResetAt, today) ? BigDecimal.ZERO.setScale(2) : spentToday;
    }

    /**
     * Checks a new spend against the limits, daily first.
     *
     * @param spentToday today's counter after the daily reset
     * @param spentTotal the total counter
     * @param dailyLimit null = no daily limit
     * @param totalLimit null = no total limit
     */
    public static Verdict check(BigDecimal spentToday, BigDecimal spentTotal, BigDecimal amount, BigDecimal dailyLimit,
            BigDecimal totalLimit) {
        if (dailyLimit != null && spentToday.add(amount).compareTo(dailyLimit) > 0) {
            return Verdict.DAILY_LIMIT_REACHED;
        }
        if (totalLimit != null && spentTotal.add(amount).compareTo(totalLimit) > 0) {
            return Verdict.TOTAL_LIMIT_REACHED;
        }
        return Verdict.OK;
    }

    /**
     * True when releasing a reservation made on {@code reservedOn} must also lower {@code spent_today}: only while the
     * counter still holds that day ({@code lastResetAt == reservedOn}); after a reset the day's amount is gone already.
     */
    public static boolean releaseTouchesToday(LocalDate reservedOn, LocalDate lastResetAt) {
        return reservedOn.equals(lastResetAt);
    }
}
