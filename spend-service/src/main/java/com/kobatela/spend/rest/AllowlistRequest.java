package com.kobatela.spend.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /allowlist} (spec {@code api.md#5.1}); extra fields (e.g. {@code category_id}) are ignored.
 *
 * @param ownerId     the sender allowed to transfer
 * @param recipientId the allowed receiver
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AllowlistRequest(@NotNull @Positive Long ownerId, @NotNull @Positive Long recipientId) {
}
