package com.kobatela.escrow.domain;

import java.math.BigDecimal;

import com.kobatela.kernel.money.Amounts;

/** Internal idempotency key of a milestone payout (spec {@code rules.md#idempotency}, internal keys; CONTRACTS.md). */
public final class PayoutKeys {

    private PayoutKeys() {
    }

    /**
     * {@code pay|escrow:<escrow_id>|ms:<milestone_id>|amt:<amount 2dp>}: the same milestone and amount always give the
     * same key, so every re-request of its payout makes at most one payment.
     *
     * @param amount the milestone amount (rounded HALF_UP to 2 decimals here)
     */
    public static String milestone(long escrowId, long milestoneId, BigDecimal amount) {
        return "pay|escrow:" + escrowId + "|ms:" + milestoneId + "|amt:" + Amounts.format(amount);
    }
}
