package com.kobatela.testsupport;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Internal JWTs as the gateway mints them (ARCHITECTURE §4), for service tests that call a service directly,
 * plus forged variants (other key, expired, wrong audience) to prove services refuse them.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** A valid token for a key of {@code scope} ({@code sender}, {@code support}, {@code admin}). */
    public static String token(String scope, long apiKeyId, Long userId) {
        return claims(scope, apiKeyId, userId, "kobatela-internal", Instant.now().plusSeconds(60)).sign(JwtTestKeys.privateKey());
    }

    /** A sender key linked to a user. */
    public static String sender(long apiKeyId, long userId) {
        return token("sender", apiKeyId, userId);
    }

    /** A support key (no user). */
    public static String support(long apiKeyId) {
        return token("support", apiKeyId, null);
    }

    /** An admin key (no user). */
    public static String admin(long apiKeyId) {
        return token("admin", apiKeyId, null);
    }

    /** Signed with a key the services do not trust. */
    public static String signedByOtherKey(String scope) {
        PrivateKey other = JwtTestKeys.generate().getPrivate();
        return claims(scope, 1, null, "kobatela-internal", Instant.now().plusSeconds(60)).sign(other);
    }

    /** A valid token of {@code scope} (api key 1, no user) that expires in {@code seconds}. */
    public static String expiringIn(String scope, long seconds) {
        return claims(scope, 1, null, "kobatela-internal", Instant.now().plusSeconds(seconds)).sign(JwtTestKeys.privateKey());
    }

    /** Expired a minute ago. */
    public static String expired(String scope) {
        return claims(scope, 1, null, "kobatela-internal", Instant.now().minusSeconds(60))
                .issuedAt(Instant.now().minusSeconds(120)).sign(JwtTestKeys.privateKey());
    }

    /** Audience other than {@code kobatela-internal}. */
    public static String wrongAudience(String scope) {
        return claims(scope, 1, null, "someone-else", Instant.now().plusSeconds(60)).sign(JwtTestKeys.privateKey());
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(String scope) {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"kobatela-gateway\",\"aud\":\"kobatela-internal\","
                + "\"sub\":\"1\",\"groups\":[\"" + scope + "\"],\"scope\":\"" + scope + "\",\"api_key_id\":1,\"prefix\":\"koba_000001\",\"exp\":"
                + Instant.now().plusSeconds(60).getEpochSecond() + "}").getBytes());
        return header + "." + body + ".";
    }

    private static JwtClaimsBuilder claims(String scope, long apiKeyId, Long userId, String audience, Instant expiresAt) {
        JwtClaimsBuilder b = Jwt.issuer("kobatela-gateway")
                .audience(audience)
                .subject(userId != null ? "user:" + userId : "apikey:" + apiKeyId)
                .groups(Set.of(scope))
                .claim("scope", scope)
                .claim("api_key_id", apiKeyId)
                .claim("prefix", String.format("koba_%06x", apiKeyId))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(expiresAt);
        if (userId != null) {
            b.claim("user_id", userId);
            b.claim("public_tag", "private");
        }
        return b;
    }
}
