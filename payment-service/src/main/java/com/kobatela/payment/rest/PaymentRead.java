package com.kobatela.payment.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.payment.service.PaymentView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * PaymentRead (spec {@code api.md#0.5}): money as a string with two decimals, times ISO-8601 UTC. NEW fields:
 * {@code currency}, {@code source}, {@code payee_ref}.
 *
 * @param id             payment id
 * @param escrowId       escrow id
 * @param milestoneId    milestone id or null
 * @param amount         e.g. {@code "250.00"}
 * @param currency       ISO 4217
 * @param pspRef         PSP reference or null
 * @param status         PENDING, SENT, SETTLED, ERROR
 * @param idempotencyKey idempotency key or null
 * @param source         {@code milestone} or {@code usage-spend}
 * @param payeeRef       payee of a usage spend, or null
 * @param createdAt      creation time
 * @param updatedAt      last change
 */
@RegisterForReflection
@Schema(name = "PaymentRead")
public record PaymentRead(
        long id,
        long escrowId,
        Long milestoneId,
        @Schema(type = SchemaType.STRING, example = "250.00") @JsonSerialize(using = AmountSerializer.class) BigDecimal amount,
        String currency,
        String pspRef,
        @Schema(enumeration = {"PENDING", "SENT", "SETTLED", "ERROR", "REFUNDED"}) String status,
        String idempotencyKey,
        String source,
        String payeeRef,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The representation of a snapshot. */
    public static PaymentRead of(PaymentView v) {
        return new PaymentRead(v.id(), v.escrowId(), v.milestoneId(), v.amount(), v.currency(), v.pspRef(), v.status().name(),
                v.idempotencyKey(), v.source(), v.payeeRef(), v.createdAt(), v.updatedAt());
    }
}
