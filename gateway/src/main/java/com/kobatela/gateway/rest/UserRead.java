package com.kobatela.gateway.rest;

import com.kobatela.gateway.domain.User;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** UserRead of spec {@code api.md#0.5}. */
@RegisterForReflection
public record UserRead(long id, String username, String email, boolean isActive, String stripeAccountId,
        boolean stripePayoutEnabled, String stripePayoutStatus, String publicTag) {

    /** The representation of a stored user. */
    public static UserRead of(User u) {
        return new UserRead(u.id, u.username, u.email, u.isActive, u.stripeAccountId, u.stripePayoutEnabled,
                u.stripePayoutStatus, u.publicTag);
    }
}
