package com.kobatela.spend.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.spend.config.UtcDateTimeDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /mandates} (spec {@code api.md#4.1}).
 *
 * @param senderId          sender user id, &gt; 0
 * @param beneficiaryId     beneficiary user id, &gt; 0 (may equal the sender)
 * @param totalAmount       limit, number or string, rounded HALF_UP to scale 2, &gt; 0
 * @param currency          {@code ^[A-Z]{3}$}, default {@code USD}
 * @param allowedCategoryId category restriction or null, &gt; 0
 * @param allowedMerchantId merchant restriction or null, &gt; 0
 * @param expiresAt         expiry, ISO-8601; naive = UTC
 */
@RegisterForReflection
public record MandateCreateRequest(
        @NotNull @Positive Long senderId,
        @NotNull @Positive Long beneficiaryId,
        @NotNull @Positive @JsonDeserialize(using = AmountDeserializer.class) BigDecimal totalAmount,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be three upper-case letters") String currency,
        @Positive Long allowedCategoryId,
        @Positive Long allowedMerchantId,
        @NotNull @JsonDeserialize(using = UtcDateTimeDeserializer.class) OffsetDateTime expiresAt) {

    /** The currency, {@code USD} when absent. */
    public String currencyOrDefault() {
        return currency == null ? "USD" : currency;
    }
}
