package com.kobatela.payment.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PaymentStatus;

/**
 * Snapshot of a payment for reads (spec {@code api.md#0.5} PaymentRead): amount scale 2 in {@code currency}, times UTC.
 *
 * @param id             payment id
 * @param escrowId       escrow id
 * @param milestoneId    milestone id or null
 * @param amount         amount
 * @param currency       ISO 4217
 * @param pspRef         PSP reference or null
 * @param status         status
 * @param idempotencyKey idempotency key or null
 * @param source         {@code milestone} / {@code usage-spend}
 * @param payeeRef       payee of a usage spend, or null
 * @param createdAt      creation time
 * @param updatedAt      last change
 */
public record PaymentView(long id, long escrowId, Long milestoneId, BigDecimal amount, String currency, String pspRef,
        PaymentStatus status, String idempotencyKey, String source, String payeeRef, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Snapshot of an entity. */
    public static PaymentView of(Payment p) {
        return new PaymentView(p.id, p.escrowId, p.milestoneId, p.amount, p.currency, p.pspRef, p.status, p.idempotencyKey,
                p.source, p.payeeRef, p.createdAt.withOffsetSameInstant(ZoneOffset.UTC), p.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
