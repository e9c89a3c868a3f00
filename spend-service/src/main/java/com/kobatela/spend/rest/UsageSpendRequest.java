package com.kobatela.spend.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.money.AmountDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend} (spec {@code api.md#4.8}). The amount has no schema constraint: zero or negative is
 * answered {@code 400 BAD_AMOUNT} after the Idempotency-Key check.
 *
 * @param escrowId the escrow to spend from (the caller's own, for sender keys)
 * @param payeeRef an allowed payee of that escrow, 1..120 chars
 * @param amount   number or string, rounded HALF_UP to scale 2, in the escrow's currency
 * @param note     free text up to 255 chars, or null; copied to the payout
 */
@RegisterForReflection
public record UsageSpendRequest(
        @NotNull @Positive Long escrowId,
        @NotBlank @Size(max = 120) String payeeRef,
        @NotNull @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        @Size(max = 255) String note) {
}
