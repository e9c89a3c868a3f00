package com.kobatela.spend.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend/allow} (spec {@code api.md#4.5}): exactly one of {@code merchantId},
 * {@code categoryId} (checked by the resource: both or neither is {@code 422 VALIDATION_ERROR}).
 *
 * @param ownerId    the beneficiary allowed to spend
 * @param merchantId merchant target or null
 * @param categoryId category target or null
 */
@RegisterForReflection
public record AllowUsageRequest(@NotNull @Positive Long ownerId, @Positive Long merchantId, @Positive Long categoryId) {
}
