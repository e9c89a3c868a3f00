package com.kobatela.kernel.event.payload;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What happened to a payout (topic {@code kobatela.payment.v1}, key = escrow id; types
 * {@code payment.sent.v1}, {@code payment.settled.v1}, {@code payment.failed.v1}, {@code payment.payout-rejected.v1});
 * spec {@code domain.md#9.4}, {@code rules.md#finalization}.
 *
 * @param paymentId      payment id (null for a payout rejected before any payment row)
 * @param escrowId       escrow id
 * @param milestoneId    milestone id or null
 * @param amount         scale 2
 * @param currency       ISO 4217
 * @param pspRef         PSP reference or null
 * @param status         payment status after the change
 * @param source         {@code milestone}, {@code usage-spend}, {@code manual-execute}, {@code psp_webhook}
 * @param idempotencyKey the payout's idempotency key
 * @param reasonCode     failure or rejection code ({@code INSUFFICIENT_ESCROW_BALANCE}, ...) or null
 * @param payeeRef       payee reference of a usage-spend payout, else null
 * @param note           the usage spend's note, else null
 */
@RegisterForReflection
public record PaymentUpdate(
        Long paymentId,
        long escrowId,
        Long milestoneId,
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency,
        String pspRef,
        String status,
        String source,
        String idempotencyKey,
        String reasonCode,
        String payeeRef,
        String note) {
}
