package com.kobatela.spend.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.money.AmountDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend/allowed} (spec {@code api.md#4.7}).
 *
 * @param escrowId   the escrow, which must be known ({@code 404 ESCROW_NOT_FOUND})
 * @param payeeRef   external reference of the payee, 2..120 chars
 * @param label      2..200 chars
 * @param dailyLimit number or string rounded HALF_UP to scale 2, &gt;= 0, or null for no daily limit
 * @param totalLimit same, for the total
 */
@RegisterForReflection
public record PayeeCreateRequest(
        @NotNull @Positive Long escrowId,
        @NotBlank @Size(min = 2, max = 120) String payeeRef,
        @NotBlank @Size(min = 2, max = 200) String label,
        @PositiveOrZero @JsonDeserialize(using = AmountDeserializer.class) BigDecimal dailyLimit,
        @PositiveOrZero @JsonDeserialize(using = AmountDeserializer.class) BigDecimal totalLimit) {
}
