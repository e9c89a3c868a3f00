package com.kobatela.spend.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.spend.domain.AllowedPayee;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /spend/allowed} (spec {@code api.md#4.7}): limits as money strings or null.
 */
@RegisterForReflection
public record PayeeRead(long id, long escrowId, String payeeRef, String label,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal dailyLimit,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal totalLimit) {

    /** Maps an entity. */
    public static PayeeRead of(AllowedPayee p) {
        return new PayeeRead(p.id, p.escrowId, p.payeeRef, p.label, p.dailyLimit, p.totalLimit);
    }
}
