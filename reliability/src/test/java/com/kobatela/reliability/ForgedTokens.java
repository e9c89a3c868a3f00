package com.kobatela.reliability;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;

/**
 * Internal JWTs for attacking the services directly (ARCHITECTURE §4): a correctly signed admin token as a control,
 * and forgeries a service must refuse with 401: signed by another RSA key, {@code alg: none}, expired, wrong
 * audience, wrong issuer, HS256 with the public key as the secret (algorithm confusion), lifetime above 60 s.
 */
final class ForgedTokens {

    /** A forgery and its name. */
    record Forgery(String name, String token) {
    }

    private final PrivateKey stackKey;

    ForgedTokens(Path privatePem) throws Exception {
        String pem = Files.readString(privatePem, StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        this.stackKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** A valid admin token signed with the stack's key (the control case). */
    String valid() throws Exception {
        return rs256(claims("kobatela-gateway", "kobatela-internal", Instant.now(), Instant.now().plusSeconds(60)), stackKey);
    }

    /** Every forgery. */
    List<Forgery> forgeries(Path publicPem) throws Exception {
        Instant now = Instant.now();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey other = g.generateKeyPair().getPrivate();
        String unsignedHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String body = b64(claims("kobatela-gateway", "kobatela-internal", now, now.plusSeconds(60)).toJson());
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(claims("kobatela-gateway", "kobatela-internal", now, now.plusSeconds(60)).toJson());
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKey(new HmacKey(Files.readAllBytes(publicPem)));
        hs.setDoKeyValidation(false);
        return List.of(
                new Forgery("signed-by-another-key", rs256(claims("kobatela-gateway", "kobatela-internal", now, now.plusSeconds(60)), other)),
                new Forgery("alg-none", unsignedHeader + "." + body + "."),
                new Forgery("expired", rs256(claims("kobatela-gateway", "kobatela-internal", now.minusSeconds(180), now.minusSeconds(120)), stackKey)),
                new Forgery("wrong-audience", rs256(claims("kobatela-gateway", "someone-else", now, now.plusSeconds(60)), stackKey)),
                new Forgery("wrong-issuer", rs256(claims("evil", "kobatela-internal", now, now.plusSeconds(60)), stackKey)),
                new Forgery("hs256-with-public-key", hs.getCompactSerialization()),
                new Forgery("lifetime-one-day", rs256(claims("kobatela-gateway", "kobatela-internal", now, now.plusSeconds(86_400)), stackKey)),
                new Forgery("garbage", "not.a.jwt"),
                new Forgery("tampered-payload", tamper(rs256(claims("kobatela-gateway", "kobatela-internal", now, now.plusSeconds(60)), stackKey))));
    }

    private static JwtClaims claims(String issuer, String audience, Instant issuedAt, Instant expires) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(audience);
        c.setSubject("apikey:1");
        c.setStringListClaim("groups", List.of("admin"));
        c.setClaim("scope", "admin");
        c.setClaim("api_key_id", 1);
        c.setClaim("prefix", "koba_000001");
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        return c;
    }

    private static String rs256(JwtClaims claims, PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** Swaps the payload for one claiming another key id, keeping the original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"api_key_id\":1", "\"api_key_id\":2");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
