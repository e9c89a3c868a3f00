package com.kobatela.kernel.event.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A user was created or changed in the gateway ({@code identity.user-registered.v1} /
 * {@code identity.user-updated.v1}); services keep a local replica (spec {@code README.md}, judgement call 1).
 * Carries no e-mail (PII stays in the gateway).
 *
 * @param userId    user id
 * @param username  user name
 * @param isActive  whether the user is active
 * @param publicTag {@code private}, {@code GOV} or {@code ONG}
 */
@RegisterForReflection
public record UserRegistered(long userId, String username, boolean isActive, String publicTag) {
}
