package com.kobatela.spend.rest;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code GET /spend/allowed/{payee_id}} (spec {@code api.md#9}): the payee with its counters, which include
 * the reservations still waiting for payment-service. {@code spent_today} is what was spent or reserved on the
 * current UTC day ({@code "0.00"} when nothing yet: the stored counter of an older day is reset at the next spend);
 * {@code last_reset_at} is the UTC date of the last reset ({@code YYYY-MM-DD}).
 */
@RegisterForReflection
public record PayeeStateRead(long id, long escrowId, String payeeRef, String label,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal dailyLimit,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal totalLimit,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal spentToday,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal spentTotal,
        LocalDate lastResetAt) {
}
