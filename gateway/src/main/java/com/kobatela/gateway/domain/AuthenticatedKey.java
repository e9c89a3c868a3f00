package com.kobatela.gateway.domain;

import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.InternalClaims;
import com.kobatela.kernel.security.Scope;

/**
 * The API key a request was authenticated with (a stored key, or the legacy dev key with id 0 and prefix
 * {@code legacy}, spec {@code rules.md#legacy-key}).
 *
 * @param id        key id (0 for the legacy key)
 * @param prefix    key prefix, or {@code legacy}
 * @param scope     key scope
 * @param userId    linked user, or null
 * @param publicTag the linked user's public tag, or null
 */
public record AuthenticatedKey(long id, String prefix, Scope scope, Long userId, String publicTag) {

    /** The legacy dev key: admin, id 0, prefix {@code legacy}, no user. */
    public static AuthenticatedKey legacy() {
        return new AuthenticatedKey(0, InternalClaims.LEGACY_PREFIX, Scope.ADMIN, null, null);
    }

    /** True for the legacy dev key. */
    public boolean isLegacy() {
        return InternalClaims.LEGACY_PREFIX.equals(prefix);
    }

    /** The shared-kernel caller of this key for a request (actor {@code apikey:<prefix>} or {@code legacy-apikey}). */
    public Caller caller(String requestId) {
        return new Caller(id, prefix, scope, userId, publicTag, requestId);
    }
}
