package com.kobatela.psp.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payout accepted by the sandbox PSP.
 *
 * @param pspRef         the reference the PSP gives the payout ({@code PSP-<uuid>})
 * @param idempotencyKey the caller's idempotency key; one payout per key
 * @param amount         amount, scale 2
 * @param currency       ISO 4217 code, upper case
 * @param beneficiary    opaque beneficiary reference given by the caller
 * @param status         always {@code accepted} for now
 * @param createdAt      when the sandbox accepted it
 */
public record Payout(String pspRef, String idempotencyKey, BigDecimal amount, String currency,
        String beneficiary, String status, Instant createdAt) {

    /** Status of a payout the sandbox has accepted. */
    public static final String ACCEPTED = "accepted";
}
