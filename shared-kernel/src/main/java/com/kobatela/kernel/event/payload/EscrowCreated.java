package com.kobatela.kernel.event.payload;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An escrow was created ({@code escrow.created.v1}, topic {@code kobatela.escrow.v1}, key = escrow id).
 *
 * @param escrowId       escrow id
 * @param ownerPrincipal ownership principal of the creator ({@code user:<id>} or {@code apikey:<id>})
 * @param clientId       payer user id
 * @param providerId     beneficiary user id
 * @param amountTotal    scale 2
 * @param currency       ISO 4217 ({@code USD}/{@code EUR})
 * @param domain         {@code private}/{@code public}/{@code aid}
 * @param status         initial status ({@code DRAFT})
 * @param deadlineAt     UTC deadline
 */
@RegisterForReflection
public record EscrowCreated(
        long escrowId,
        String ownerPrincipal,
        long clientId,
        long providerId,
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amountTotal,
        String currency,
        String domain,
        String status,
        OffsetDateTime deadlineAt) {
}
