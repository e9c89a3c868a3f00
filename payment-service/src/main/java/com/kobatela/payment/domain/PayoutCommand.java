package com.kobatela.payment.domain;

import java.math.BigDecimal;

/**
 * A payout asked of payment-service, read from {@code PayoutRequested} (milestone, {@code escrow.payout-requested.v1})
 * or {@code UsagePayoutRequested} ({@code spend.usage-payout-requested.v1}).
 *
 * @param escrowId       escrow id
 * @param milestoneId    milestone id, null for usage spends
 * @param amount         scale 2 (HALF_UP), or null when the request had none
 * @param currency       ISO 4217 (the escrow's)
 * @param beneficiary    who receives the money: {@code user:<provider_id>} or the payee reference
 * @param idempotencyKey the request's key (1..128 characters), sent to the PSP
 * @param source         {@link PaymentSources#MILESTONE} or {@link PaymentSources#USAGE_SPEND}
 * @param note           the usage spend's note, or null
 * @param actor          who caused the request (the event's {@code kobactor}), e.g. {@code apikey:koba_1a2b3c}
 * @param correlation    the request id carried by the event, or null
 */
public record PayoutCommand(long escrowId, Long milestoneId, BigDecimal amount, String currency, String beneficiary,
        String idempotencyKey, String source, String note, String actor, String correlation) {

    /** Longest idempotency key the {@code payments} table holds. */
    public static final int MAX_KEY_LENGTH = 128;

    /** True for a usage-spend payout (no milestone, settled as soon as the PSP accepts). */
    public boolean usageSpend() {
        return PaymentSources.USAGE_SPEND.equals(source);
    }

    /** The payee reference carried on events: the beneficiary of a usage spend, else null. */
    public String payeeRef() {
        return usageSpend() ? beneficiary : null;
    }
}
