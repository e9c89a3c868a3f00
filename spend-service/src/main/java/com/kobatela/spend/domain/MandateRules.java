package com.kobatela.spend.domain;

import java.math.BigDecimal;

/**
 * Pure rules of usage mandates (spec {@code rules.md#purchases} step 8, {@code domain.md#9.5}). Amounts scale 2,
 * times UTC.
 */
public final class MandateRules {

    private MandateRules() {
    }

    /** True when {@code amount} can still be consumed: {@code totalSpent + amount <= totalAmount}. */
    public static boolean fits(BigDecimal totalSpent, BigDecimal amount, BigDecimal totalAmount) {
        return totalSpent.add(amount).compareTo(totalAmount) <= 0;
    }

    /** Status after consumption: CONSUMED once {@code newTotalSpent >= totalAmount}, else ACTIVE. */
    public static String statusAfter(BigDecimal newTotalSpent, BigDecimal totalAmount) {
        return newTotalSpent.compareTo(totalAmount) >= 0 ? UsageMandate.CONSUMED : UsageMandate.ACTIVE;
    }

    /** The scheduler flag (spec {@code rules.md#jobs}): true for {@code 1}, {@code true}, {@code yes} in any case. */
    public static boolean flagOn(String raw) {
        if (raw == null) {
            return false;
        }
        String v = raw.strip().toLowerCase(java.util.Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }
}
