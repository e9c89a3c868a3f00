package com.kobatela.spend.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /certified} (spec {@code api.md#5.2}).
 *
 * @param userId the user to certify
 * @param level  {@code BASIC} or {@code GOLD}, case-insensitive
 */
@RegisterForReflection
public record CertifyRequest(
        @NotNull @Positive Long userId,
        @NotNull @Pattern(regexp = "(?i)^(BASIC|GOLD)$", message = "must be BASIC or GOLD") String level) {
}
