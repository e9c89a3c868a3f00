package com.kobatela.spend.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.spend.domain.Purchase;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** PurchaseRead (spec {@code api.md#0.5}): {@code sender_id} is the beneficiary who spent; money string, times UTC. */
@RegisterForReflection
public record PurchaseRead(long id, long senderId, long merchantId, Long categoryId,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal amount, String currency, String status,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Maps an entity. */
    public static PurchaseRead of(Purchase p) {
        return new PurchaseRead(p.id, p.senderId, p.merchantId, p.categoryId, p.amount, p.currency, p.status, p.createdAt,
                p.updatedAt);
    }
}
