package com.kobatela.payment.domain;

/**
 * Payment states (spec {@code domain.md#8}, {@code #9.4}): PENDING (created, amount reserved, not yet accepted by the
 * PSP) → SENT (PSP accepted, {@code psp_ref} set, amount debited) → SETTLED (settlement confirmed); PENDING/SENT →
 * ERROR (PSP refusal or failure, amount released). REFUNDED is never produced.
 */
public enum PaymentStatus {
    PENDING, SENT, SETTLED, ERROR, REFUNDED;

    /** True for SENT and SETTLED: the amount is debited from the escrow's balance. */
    public boolean debits() {
        return this == SENT || this == SETTLED;
    }
}
