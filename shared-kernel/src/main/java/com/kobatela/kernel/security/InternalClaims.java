package com.kobatela.kernel.security;

/**
 * Claim names and fixed values of the internal JWT the gateway signs for each forwarded call (ARCHITECTURE
 * §4): RS256, lifetime at most 60 s, {@code iss=kobatela-gateway}, {@code aud=kobatela-internal},
 * {@code groups} = the key's scope.
 */
public final class InternalClaims {

    public static final String ISSUER = "kobatela-gateway";
    public static final String AUDIENCE = "kobatela-internal";
    public static final String API_KEY_ID = "api_key_id";
    public static final String PREFIX = "prefix";
    public static final String SCOPE = "scope";
    public static final String USER_ID = "user_id";
    public static final String PUBLIC_TAG = "public_tag";
    public static final String REQUEST_ID = "request_id";
    /** Legacy dev key: acts as admin with key id 0 and prefix {@code legacy}. */
    public static final String LEGACY_PREFIX = "legacy";
    /** HTTP header carrying the correlation id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private InternalClaims() {
    }
}
