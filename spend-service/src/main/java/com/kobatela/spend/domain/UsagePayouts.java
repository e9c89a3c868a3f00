package com.kobatela.spend.domain;

import java.util.Map;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/**
 * Pure rules of usage-spend payouts (spec {@code rules.md#payees}, {@code #idempotency} internal keys; CONTRACTS.md
 * payment-service): the payout idempotency key, and what a refused or failed payout means for the client and the
 * audit log.
 */
public final class UsagePayouts {

    /** {@code source} of usage-spend payouts and settlements. */
    public static final String SOURCE = "usage-spend";
    /** Prefix of the payout idempotency keys of usage spends. */
    public static final String KEY_PREFIX = "usage|";

    private static final Map<String, String> REJECTION_AUDITS = Map.of(
            "INSUFFICIENT_ESCROW_BALANCE", "USAGE_BALANCE_REJECTED",
            "ESCROW_NOT_ACTIVE", "USAGE_ESCROW_CLOSED",
            "UNKNOWN_ESCROW", "USAGE_ESCROW_NOT_FOUND");

    private UsagePayouts() {
    }

    /** {@code usage|<principal>|<client key>} (FIX of the original, which reused the raw client key). */
    public static String payoutKey(String principal, String clientKey) {
        return KEY_PREFIX + principal + "|" + clientKey;
    }

    /** True for a payout key made by {@link #payoutKey}. */
    public static boolean isUsageKey(String idempotencyKey) {
        return idempotencyKey != null && idempotencyKey.startsWith(KEY_PREFIX);
    }

    /**
     * Audit action recorded when a reservation is released: the spec's rejection audit for the refusals it names
     * ({@code USAGE_BALANCE_REJECTED}, {@code USAGE_ESCROW_CLOSED}, {@code USAGE_ESCROW_NOT_FOUND}), else NEW
     * {@code USAGE_PAYOUT_REJECTED} (other refusal) or {@code USAGE_PAYOUT_FAILED} (the PSP failed the payment).
     *
     * @param failed     true for {@code payment.failed}, false for {@code payment.payout-rejected}
     * @param reasonCode payment-service's reason code, may be null
     */
    public static String releaseAudit(boolean failed, String reasonCode) {
        if (failed) {
            return "USAGE_PAYOUT_FAILED";
        }
        return REJECTION_AUDITS.getOrDefault(reasonCode == null ? "" : reasonCode, "USAGE_PAYOUT_REJECTED");
    }

    /**
     * The error answered for a released spend (first answer within the wait, or any replay): the same code as the
     * synchronous pre-check where one exists, so a partner sees one code per cause.
     *
     * @param paymentStatus {@code ERROR} (payment failed) or {@code REJECTED} (payout refused)
     * @param reasonCode    payment-service's reason code, may be null
     * @param details       spend_id, payment_id, reason_code
     */
    public static ApiException releasedError(String paymentStatus, String reasonCode, Map<String, Object> details) {
        if (UsageSpend.PAYMENT_ERROR.equals(paymentStatus)) {
            return new ApiException(409, "PAYOUT_FAILED", "The payout failed; the spend was not made. Retry with a new Idempotency-Key.",
                    null, details);
        }
        String code = reasonCode == null ? "" : reasonCode;
        return switch (code) {
            case "INSUFFICIENT_ESCROW_BALANCE" -> new ApiException(409, code, "Not enough escrow balance.", null, details);
            case "ESCROW_NOT_ACTIVE" -> new ApiException(409, code, "Escrow is no longer available for spending.", null, details);
            case "UNKNOWN_ESCROW" -> new ApiException(404, ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.", null, details);
            case "PAYMENT_IN_ERROR" -> new ApiException(409, code,
                    "Existing payment is in ERROR. Use a new idempotency key to retry.", null, details);
            default -> new ApiException(409, "PAYOUT_REJECTED", "The payout was refused; the spend was not made.", null, details);
        };
    }
}
