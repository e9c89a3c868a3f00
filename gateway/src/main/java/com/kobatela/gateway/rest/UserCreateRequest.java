package com.kobatela.gateway.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /users} (spec {@code api.md#2.1}).
 *
 * @param username  1..100 characters, unique
 * @param email     valid e-mail, at most 255 characters, unique
 * @param isActive  default true
 * @param publicTag {@code private} (default), {@code GOV} or {@code ONG}; admin callers only
 */
@RegisterForReflection
public record UserCreateRequest(
        @NotNull @Size(min = 1, max = 100) String username,
        @NotNull @Size(max = 255) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "value is not a valid email address") String email,
        Boolean isActive,
        @Pattern(regexp = "private|GOV|ONG", message = "must be one of private, GOV, ONG") String publicTag) {
}
