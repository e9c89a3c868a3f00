package com.kobatela.payment.domain;

/**
 * Reason codes of {@code payment.payout-rejected.v1} and {@code payment.failed.v1} (CONTRACTS; spec
 * {@code rules.md#payouts}, {@code #balance}).
 */
public final class PayoutRejections {

    /** The amount exceeds the escrow's available balance ({@code rules.md#balance}). */
    public static final String INSUFFICIENT_ESCROW_BALANCE = "INSUFFICIENT_ESCROW_BALANCE";
    /** A payment with this idempotency key is in ERROR: a new key is needed to retry ({@code rules.md#payouts} step 1). */
    public static final String PAYMENT_IN_ERROR = "PAYMENT_IN_ERROR";
    /** The escrow is REFUNDED or CANCELLED (or RELEASED, for a usage spend). */
    public static final String ESCROW_NOT_ACTIVE = "ESCROW_NOT_ACTIVE";
    /** payment-service has no balance for this escrow (no {@code EscrowCreated} seen). */
    public static final String UNKNOWN_ESCROW = "UNKNOWN_ESCROW";
    /** The payout currency is not the escrow's. */
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    /** The request is unusable: amount missing, not positive or out of range; no beneficiary, or one over 120 characters; note over 500. */
    public static final String INVALID_PAYOUT_REQUEST = "INVALID_PAYOUT_REQUEST";
    /** The idempotency key already names a payment of another escrow or amount. */
    public static final String IDEMPOTENCY_KEY_CONFLICT = "IDEMPOTENCY_KEY_CONFLICT";
    /** The milestone already has a live payment of another amount. */
    public static final String MILESTONE_ALREADY_PAID = "MILESTONE_ALREADY_PAID";
    /** The PSP refused the payout for good (4xx) ({@code payment.failed.v1}). */
    public static final String PSP_REJECTED = "PSP_REJECTED";
    /** The PSP reported the payout failed (webhook {@code payment.failed}) ({@code payment.failed.v1}). */
    public static final String PSP_FAILED = "PSP_FAILED";

    private PayoutRejections() {
    }
}
