package com.kobatela.kernel.event.payload;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A deposit was recorded on an escrow ({@code escrow.deposited.v1}, key = escrow id); payment-service credits
 * the escrow's balance ledger with it (spec {@code rules.md#deposits}, {@code #balance}).
 *
 * @param escrowId       escrow id
 * @param depositId      deposit id (unique: the ledger credits each deposit once)
 * @param amount         scale 2, &gt; 0
 * @param currency       escrow currency
 * @param idempotencyKey the client's key
 * @param escrowStatus   escrow status after the deposit
 */
@RegisterForReflection
public record EscrowDeposited(
        long escrowId,
        long depositId,
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency,
        String idempotencyKey,
        String escrowStatus) {
}
