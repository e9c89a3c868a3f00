package com.kobatela.spend.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.money.AmountDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend/purchases} (spec {@code api.md#4.6}).
 *
 * @param senderId      the mandate's sender
 * @param beneficiaryId the beneficiary, default {@code senderId}
 * @param merchantId    the merchant
 * @param amount        number or string, rounded HALF_UP to scale 2 ({@code 33.335 -> 33.34}), &gt; 0
 * @param currency      {@code USD} or {@code EUR}, default {@code USD}
 * @param categoryId    default the merchant's category; if given it must equal it ({@code 422 CATEGORY_MISMATCH})
 */
@RegisterForReflection
public record PurchaseCreateRequest(
        @NotNull @Positive Long senderId,
        @Positive Long beneficiaryId,
        @NotNull @Positive Long merchantId,
        @NotNull @Positive @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        @Pattern(regexp = "^(USD|EUR)$", message = "must be USD or EUR") String currency,
        @Positive Long categoryId) {

    /** The currency, {@code USD} when absent. */
    public String currencyOrDefault() {
        return currency == null ? "USD" : currency;
    }

    /** The beneficiary: {@code beneficiaryId}, else {@code senderId}. */
    public long resolvedBeneficiaryId() {
        return beneficiaryId == null ? senderId : beneficiaryId;
    }
}
