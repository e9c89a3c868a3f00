package com.kobatela.kernel.security;

import java.util.Objects;

/**
 * The authenticated caller of a request, as the gateway vouched for it in the internal JWT.
 *
 * <p>A plain class rather than a record: {@link CallerProducer} produces it {@code @RequestScoped}, and ArC can only
 * proxy non-final types (records are always final, which failed every service's build). Accessors keep the record's
 * names ({@code apiKeyId()}, {@code userId()}, ...).
 */
public class Caller {

    private final long apiKeyId;
    private final String prefix;
    private final Scope scope;
    private final Long userId;
    private final String publicTag;
    private final String requestId;

    /**
     * @param apiKeyId  the API key id (0 for the legacy dev key)
     * @param prefix    the key prefix ({@code koba_xxxxxx}, or {@code legacy})
     * @param scope     the key scope
     * @param userId    the user the key acts for, or null
     * @param publicTag the user's public tag ({@code private}, {@code GOV}, {@code ONG}) or null
     * @param requestId the correlation id of the request
     */
    public Caller(long apiKeyId, String prefix, Scope scope, Long userId, String publicTag, String requestId) {
        this.apiKeyId = apiKeyId;
        this.prefix = prefix;
        this.scope = scope;
        this.userId = userId;
        this.publicTag = publicTag;
        this.requestId = requestId;
    }

    /** For the CDI client proxy only. */
    protected Caller() {
        this(0L, null, null, null, null, null);
    }

    /** The API key id (0 for the legacy dev key). */
    public long apiKeyId() {
        return apiKeyId;
    }

    /** The key prefix ({@code koba_xxxxxx}, or {@code legacy}). */
    public String prefix() {
        return prefix;
    }

    /** The key scope. */
    public Scope scope() {
        return scope;
    }

    /** The user the key acts for, or null. */
    public Long userId() {
        return userId;
    }

    /** The user's public tag ({@code private}, {@code GOV}, {@code ONG}) or null. */
    public String publicTag() {
        return publicTag;
    }

    /** The correlation id of the request. */
    public String requestId() {
        return requestId;
    }

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

    @Override
    public boolean equals(Object o) {
        return o instanceof Caller c && apiKeyId == c.apiKeyId() && Objects.equals(prefix, c.prefix()) && scope == c.scope()
                && Objects.equals(userId, c.userId()) && Objects.equals(publicTag, c.publicTag())
                && Objects.equals(requestId, c.requestId());
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKeyId, prefix, scope, userId, publicTag, requestId);
    }

    @Override
    public String toString() {
        return "Caller[apiKeyId=" + apiKeyId + ", prefix=" + prefix + ", scope=" + scope + ", userId=" + userId + ", publicTag="
                + publicTag + ", requestId=" + requestId + "]";
    }
}
