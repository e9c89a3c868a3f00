package com.kobatela.spend.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /spend/categories} (spec {@code api.md#4.3}).
 *
 * @param code  unique code, 1..64 chars
 * @param label label, 1..255 chars
 */
@RegisterForReflection
public record CategoryCreateRequest(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 255) String label) {
}
