package com.kobatela.spend.domain;

import java.util.Locale;

/**
 * Pure rules around usage mandates. The consumption rule itself ({@code total_spent + amount <= total_amount}, then
 * CONSUMED once reached, spec {@code rules.md#purchases} step 8) lives in the single conditional update of
 * {@code PurchaseService}, where the database evaluates it atomically.
 */
public final class MandateRules {

    private MandateRules() {
    }

    /** The scheduler flag (spec {@code rules.md#jobs}): true for {@code 1}, {@code true}, {@code yes} in any case. */
    public static boolean flagOn(String raw) {
        if (raw == null) {
            return false;
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }
}
