package com.kobatela.spend.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend/merchants} (spec {@code api.md#4.4}).
 *
 * @param name        unique name, 1..255 chars
 * @param categoryId  category or null
 * @param isCertified default false
 */
@RegisterForReflection
public record MerchantCreateRequest(@NotBlank @Size(max = 255) String name, @Positive Long categoryId, Boolean isCertified) {
}
