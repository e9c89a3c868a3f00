package com.kobatela.payment.client;

import java.math.BigDecimal;

/**
 * A payout as the PSP port takes it.
 *
 * @param idempotencyKey our key; the PSP de-duplicates on it
 * @param amount         positive, scale 2
 * @param currency       ISO 4217
 * @param beneficiary    who receives the money ({@code user:<provider_id>} or a payee reference)
 * @param paymentId      our payment id (metadata for the PSP's records)
 * @param escrowId       escrow id (metadata)
 * @param milestoneId    milestone id or null (metadata)
 */
public record PspPayoutRequest(String idempotencyKey, BigDecimal amount, String currency, String beneficiary, long paymentId,
        long escrowId, Long milestoneId) {
}
