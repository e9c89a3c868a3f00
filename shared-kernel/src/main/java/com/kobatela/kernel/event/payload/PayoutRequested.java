package com.kobatela.kernel.event.payload;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A payout is asked of payment-service: a milestone payout from escrow-service ({@code escrow.payout-requested.v1})
 * or a usage-spend payout from spend-service ({@code spend.usage-payout-requested.v1}); key = escrow id. The
 * idempotency key makes one payment whatever the redeliveries (spec {@code rules.md#idempotency}, internal keys).
 *
 * @param escrowId       escrow id
 * @param milestoneId    milestone id, null for usage spends
 * @param amount         scale 2, &gt; 0
 * @param currency       ISO 4217
 * @param beneficiary    provider user id ({@code user:<id>}) or payee reference
 * @param idempotencyKey {@code pay|escrow:<id>|ms:<mid>|amt:<amount>} or {@code usage|<principal>|<key>}
 * @param source         {@code milestone} or {@code usage-spend}
 * @param note           free note, may be null
 */
@RegisterForReflection
public record PayoutRequested(
        long escrowId,
        Long milestoneId,
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency,
        String beneficiary,
        String idempotencyKey,
        String source,
        String note) {
}
