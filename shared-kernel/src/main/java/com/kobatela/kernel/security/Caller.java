package com.kobatela.kernel.security;

/**
 * The authenticated caller of a request, as the gateway vouched for it in the internal JWT.
 *
 * @param apiKeyId  the API key id (0 for the legacy dev key)
 * @param prefix    the key prefix ({@code koba_xxxxxx}, or {@code legacy})
 * @param scope     the key scope
 * @param userId    the user the key acts for, or null
 * @param publicTag the user's public tag ({@code private}, {@code GOV}, {@code ONG}) or null
 * @param requestId the correlation id of the request
 */
public record Caller(long apiKeyId, String prefix, Scope scope, Long userId, String publicTag, String requestId) {

    /**
     * The ownership principal (spec {@code rules.md#ownership}): {@code user:<id>} when the key is linked to a
     * user, else {@code apikey:<id>}.
     */
    public String principal() {
        return userId != null ? "user:" + userId : "apikey:" + apiKeyId;
    }

    /** Audit actor (spec {@code rules.md#audit}): {@code apikey:<prefix>} or {@code legacy-apikey}. */
    public String actor() {
        return InternalClaims.LEGACY_PREFIX.equals(prefix) ? "legacy-apikey" : "apikey:" + prefix;
    }

    /** True when ownership restricts what this caller sees: sender keys only. */
    public boolean restrictedToOwn() {
        return scope == Scope.SENDER;
    }

    /** True when the caller may see a resource owned by {@code ownerPrincipal}. */
    public boolean canSee(String ownerPrincipal) {
        return !restrictedToOwn() || principal().equals(ownerPrincipal);
    }

    /** The audit {@code api_key_id} column: null for the legacy key. */
    public Long auditApiKeyId() {
        return apiKeyId == 0 ? null : apiKeyId;
    }
}
