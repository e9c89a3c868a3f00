package com.kobatela.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Internal JWTs for the direct reference calls (the same claims the gateway mints, ARCHITECTURE §4), signed with
 * the local stack's private key. Services refuse tokens living longer than 60 s, so a token is re-minted once it
 * is older than 20 s; minting happens at most once per 20 s per key, off the measured path.
 */
public final class DirectTokens {

    /** System property holding the PKCS#8 PEM private key path. */
    public static final String KEY_PROPERTY = "bench.jwtPrivateKey";

    private record Minted(String token, Instant at) {
    }

    private static final Map<Long, Minted> CACHE = new ConcurrentHashMap<>();
    private static volatile PrivateKey key;

    private DirectTokens() {
    }

    /**
     * A bearer token for a sender API key linked to a user.
     *
     * @param apiKeyId the key id
     * @param prefix   the key prefix ({@code koba_xxxxxx})
     * @param userId   the key's user
     */
    public static String sender(long apiKeyId, String prefix, long userId) {
        Minted m = CACHE.get(apiKeyId);
        Instant now = Instant.now();
        if (m == null || m.at().plusSeconds(20).isBefore(now)) {
            m = new Minted(sign(apiKeyId, prefix, userId, now), now);
            CACHE.put(apiKeyId, m);
        }
        return m.token();
    }

    private static String sign(long apiKeyId, String prefix, long userId, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("kobatela-gateway");
        claims.setAudience("kobatela-internal");
        claims.setSubject("user:" + userId);
        claims.setStringListClaim("groups", List.of("sender"));
        claims.setClaim("scope", "sender");
        claims.setClaim("api_key_id", apiKeyId);
        claims.setClaim("prefix", prefix);
        claims.setClaim("user_id", userId);
        claims.setClaim("public_tag", "private");
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 60));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the internal JWT: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey() {
        PrivateKey k = key;
        if (k == null) {
            try {
                String pem = Files.readString(Path.of(System.getProperty(KEY_PROPERTY)), StandardCharsets.US_ASCII);
                byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
                k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                key = k;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the stack's JWT private key: " + e.getMessage(), e);
            }
        }
        return k;
    }
}
