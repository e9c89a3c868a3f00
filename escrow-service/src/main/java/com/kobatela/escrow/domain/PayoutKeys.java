package com.kobatela.escrow.domain;

import java.math.BigDecimal;

import com.kobatela.kernel.money.Amounts;

/** Internal idempotency key of a milestone payout (spec {@code rules.md#idempotency}, internal keys; CONTRACTS.md). */
public final class PayoutKeys {

    private PayoutKeys() {
    }

    /**
     * {@code pay|escrow:<escrow_id>|ms:<milestone_id>|amt:<amount 2dp>} for the first attempt, with {@code |try:<n>}
     * appended for attempt n &gt; 1: the same milestone, amount and attempt always give the same key, so every
     * re-request of a payout makes at most one payment. A new attempt (hence key) is needed only once the payment of
     * the previous one ended in ERROR, whose key payment-service then refuses ({@code PAYMENT_IN_ERROR}); payment-service
     * still pays a milestone at most once whatever the keys (spec {@code rules.md#payouts} step 2).
     *
     * @param amount  the milestone amount (rounded HALF_UP to 2 decimals here)
     * @param attempt the milestone's payout attempt, ≥ 1
     */
    public static String milestone(long escrowId, long milestoneId, BigDecimal amount, int attempt) {
        String key = "pay|escrow:" + escrowId + "|ms:" + milestoneId + "|amt:" + Amounts.format(amount);
        return attempt <= 1 ? key : key + "|try:" + attempt;
    }

    /** The key of the milestone's current payout attempt. */
    public static String current(Milestone m) {
        return milestone(m.escrowId, m.id, m.amount, m.payoutAttempt);
    }

    /**
     * Whether a failed payout spent its key: its payment exists and is in ERROR, or payment-service answered that the
     * key's payment is in ERROR. A payout refused before any payment (e.g. insufficient balance) keeps its key.
     */
    public static boolean spent(String status, String reasonCode) {
        return "ERROR".equals(status) || "PAYMENT_IN_ERROR".equals(reasonCode);
    }
}
