package com.kobatela.spend.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.spend.domain.UsageMandate;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** UsageMandateRead (spec {@code api.md#0.5}): money as strings with two decimals, times ISO-8601 UTC. */
@RegisterForReflection
public record UsageMandateRead(
        long id,
        long senderId,
        long beneficiaryId,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal totalAmount,
        String currency,
        Long allowedCategoryId,
        Long allowedMerchantId,
        OffsetDateTime expiresAt,
        String status,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal totalSpent) {

    /** Maps an entity. */
    public static UsageMandateRead of(UsageMandate m) {
        return new UsageMandateRead(m.id, m.senderId, m.beneficiaryId, m.totalAmount, m.currency, m.allowedCategoryId,
                m.allowedMerchantId, m.expiresAt, m.status, m.totalSpent);
    }
}
