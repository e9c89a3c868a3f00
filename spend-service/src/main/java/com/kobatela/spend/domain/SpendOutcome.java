package com.kobatela.spend.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.kobatela.kernel.error.ApiException;

/**
 * The state of a usage spend as the client sees it (spec {@code api.md#4.8}).
 *
 * @param spendId       spend-service's id
 * @param escrowId      the escrow
 * @param amount        scale 2
 * @param status        RESERVED, CONFIRMED or RELEASED
 * @param paymentStatus PENDING, SENT, SETTLED, ERROR or REJECTED
 * @param paymentId     payment-service's id or null
 * @param pspRef        PSP reference or null
 * @param reasonCode    why the payout was refused or failed, or null
 */
public record SpendOutcome(long spendId, long escrowId, BigDecimal amount, String status, String paymentStatus, Long paymentId,
        String pspRef, String reasonCode) {

    /** True once nothing more is expected for the answer: settled, or released. */
    public boolean decided() {
        return UsageSpend.RELEASED.equals(status) || UsageSpend.PAYMENT_SETTLED.equals(paymentStatus);
    }

    /** True when the reservation was released (the payout was refused or failed). */
    public boolean released() {
        return UsageSpend.RELEASED.equals(status);
    }

    /** The error answered for a released spend ({@link UsagePayouts#releasedError}). */
    public ApiException releasedError() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("spend_id", spendId);
        details.put("payment_id", paymentId);
        details.put("reason_code", reasonCode);
        return UsagePayouts.releasedError(paymentStatus, reasonCode, details);
    }
}
