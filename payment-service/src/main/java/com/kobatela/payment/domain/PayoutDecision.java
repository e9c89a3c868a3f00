package com.kobatela.payment.domain;

import java.math.BigDecimal;

/**
 * The payout algorithm of spec {@code rules.md#payouts} (steps 1–4) and {@code #balance} as a pure function: what to
 * do with a request given the escrow's balance (locked by the caller), the payment already holding the request's
 * idempotency key, and the live (PENDING/SENT/SETTLED) payment of the request's milestone.
 *
 * @param kind    what to do
 * @param payment the existing payment concerned (SEND_EXISTING, ALREADY_DONE, and a PAYMENT_IN_ERROR rejection), else null
 * @param reason  the rejection code (REJECT), else null
 */
public record PayoutDecision(Kind kind, Payment payment, String reason) {

    /** The outcomes. */
    public enum Kind {
        /** create a PENDING payment (reserving its amount) and send it */
        CREATE,
        /** a PENDING payment already exists for this payout: send it (again) with its own key */
        SEND_EXISTING,
        /** the payout is already SENT or SETTLED: no new effect */
        ALREADY_DONE,
        /** refuse: {@code payment.payout-rejected.v1} with {@link #reason()} */
        REJECT
    }

    /**
     * Decides.
     *
     * @param cmd              the request
     * @param balance          the escrow's balance, null when unknown
     * @param byKey            the payment holding {@code cmd.idempotencyKey()}, or null
     * @param liveForMilestone the PENDING/SENT/SETTLED payment of {@code cmd.milestoneId()}, or null
     */
    public static PayoutDecision decide(PayoutCommand cmd, EscrowBalance balance, Payment byKey, Payment liveForMilestone) {
        if (cmd.amount() == null || cmd.amount().signum() <= 0 || cmd.beneficiary() == null || cmd.beneficiary().isBlank()
                || cmd.beneficiary().length() > 120 || cmd.note() != null && cmd.note().length() > 500) {
            return reject(PayoutRejections.INVALID_PAYOUT_REQUEST, null);
        }
        if (balance == null) {
            return reject(PayoutRejections.UNKNOWN_ESCROW, null);
        }
        if (byKey != null) {
            if (byKey.escrowId != cmd.escrowId() || byKey.amount.compareTo(cmd.amount()) != 0) {
                return reject(PayoutRejections.IDEMPOTENCY_KEY_CONFLICT, null);
            }
            return existing(byKey, balance);
        }
        if (liveForMilestone != null) {
            if (liveForMilestone.amount.compareTo(cmd.amount()) != 0) {
                return reject(PayoutRejections.MILESTONE_ALREADY_PAID, null);
            }
            return existing(liveForMilestone, balance);
        }
        if (!balance.currency.equals(cmd.currency())) {
            return reject(PayoutRejections.CURRENCY_MISMATCH, null);
        }
        if (balance.refusesPayouts(cmd.usageSpend())) {
            return reject(PayoutRejections.ESCROW_NOT_ACTIVE, null);
        }
        if (cmd.amount().compareTo(balance.available()) > 0) {
            return reject(PayoutRejections.INSUFFICIENT_ESCROW_BALANCE, null);
        }
        return new PayoutDecision(Kind.CREATE, null, null);
    }

    /** Step 1 (and step 2 for another key of the same milestone): the payment exists already. */
    private static PayoutDecision existing(Payment p, EscrowBalance balance) {
        return switch (p.status) {
            case SENT, SETTLED -> new PayoutDecision(Kind.ALREADY_DONE, p, null);
            case PENDING -> enough(balance.availableFor(p.amount), p.amount)
                    ? new PayoutDecision(Kind.SEND_EXISTING, p, null)
                    : reject(PayoutRejections.INSUFFICIENT_ESCROW_BALANCE, p);
            case ERROR, REFUNDED -> reject(PayoutRejections.PAYMENT_IN_ERROR, p);
        };
    }

    private static boolean enough(BigDecimal available, BigDecimal amount) {
        return amount.compareTo(available) <= 0;
    }

    private static PayoutDecision reject(String reason, Payment p) {
        return new PayoutDecision(Kind.REJECT, p, reason);
    }
}
