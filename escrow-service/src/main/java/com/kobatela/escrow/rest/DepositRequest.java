package com.kobatela.escrow.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.Amounts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /escrows/{id}/deposit} (spec {@code api.md#3.2}).
 *
 * @param amount money (number or string), rounded HALF_UP to scale 2, must be &gt; 0
 */
@RegisterForReflection
public record DepositRequest(@JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount) {

    /**
     * @return the amount, scale 2
     * @throws ApiException {@code 422 VALIDATION_ERROR} (field {@code amount}) when missing or not &gt; 0
     */
    public BigDecimal validAmount() {
        if (amount == null) {
            throw ApiException.validation("amount", "Field required.");
        }
        if (!Amounts.isPositive(amount)) {
            throw ApiException.validation("amount", "amount must be greater than 0.");
        }
        return Amounts.normalize(amount);
    }
}
