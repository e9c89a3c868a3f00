package com.kobatela.spend.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.spend.domain.RestrictedTransfer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** TransactionRead (spec {@code api.md#0.5}): money string with two decimals, times ISO-8601 UTC. */
@RegisterForReflection
public record TransactionRead(long id, long senderId, long receiverId,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal amount, String currency, String status,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Maps an entity. */
    public static TransactionRead of(RestrictedTransfer t) {
        return new TransactionRead(t.id, t.senderId, t.receiverId, t.amount, t.currency, t.status, t.createdAt, t.updatedAt);
    }
}
