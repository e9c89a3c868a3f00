package com.kobatela.spend.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.money.AmountDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /transactions} (spec {@code api.md#5.3}).
 *
 * @param senderId   sender user id
 * @param receiverId receiver user id
 * @param amount     number or string, rounded HALF_UP to scale 2, &gt; 0
 * @param currency   {@code USD} or {@code EUR}, default {@code USD}
 */
@RegisterForReflection
public record TransactionCreateRequest(
        @NotNull @Positive Long senderId,
        @NotNull @Positive Long receiverId,
        @NotNull @Positive @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        @Pattern(regexp = "^(USD|EUR)$", message = "must be USD or EUR") String currency) {

    /** The currency, {@code USD} when absent. */
    public String currencyOrDefault() {
        return currency == null ? "USD" : currency;
    }
}
