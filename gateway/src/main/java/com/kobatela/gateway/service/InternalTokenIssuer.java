package com.kobatela.gateway.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.kernel.security.InternalClaims;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints the internal JWT the gateway adds to every forwarded call (ARCHITECTURE §4): RS256 with the key at
 * {@code smallrye.jwt.sign.key.location} (PKCS#8 PEM, file path or classpath resource; env
 * {@code KOBATELA_JWT_PRIVATE_KEY_LOCATION}), {@code iss=kobatela-gateway}, {@code aud=kobatela-internal}, lifetime
 * {@code kobatela.jwt.lifetime} (default 60 s), {@code sub}, {@code groups=[scope]} and the claims of
 * {@link InternalClaims} read by the services' {@code CallerProducer}, plus {@code jti}.
 *
 * <p>An RSA signature costs about a millisecond of CPU, as much as the rest of a forwarded call: a token is therefore
 * reused for the same key while it has at least half of its lifetime left ({@code kobatela.jwt.reuse}, default
 * 30 s), so the services never see a token about to expire. The token carries no per-request claim: the request id
 * travels in the {@code X-Request-Id} header, which the services read first. A revoked key stops at the gateway's
 * own check on the next request, whatever tokens were minted for it.
 */
@ApplicationScoped
public class InternalTokenIssuer {

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    String keyLocation;

    @ConfigProperty(name = "kobatela.jwt.lifetime", defaultValue = "60s")
    Duration lifetime;

    @ConfigProperty(name = "kobatela.jwt.reuse", defaultValue = "30s")
    Duration reuse;

    private Cache<AuthenticatedKey, String> tokens;

    private volatile PrivateKey key;

    /** Loads the signing key at startup, so a missing key fails the start instead of the first request. */
    void onStart(@Observes StartupEvent ev) {
        signingKey();
    }

    /** Builds the token cache: entries live {@code kobatela.jwt.reuse}, at most half the token lifetime. */
    @PostConstruct
    void init() {
        Duration keep = reuse.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : reuse;
        tokens = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(10_000).build();
    }

    /**
     * A signed token for a call made on behalf of {@code caller}: a fresh one, or one minted for the same key less than
     * {@code kobatela.jwt.reuse} ago.
     *
     * @param caller    the authenticated key
     * @param requestId the correlation id (sent by the gateway as {@code X-Request-Id}, not in the token)
     * @return the compact JWS
     */
    public String issue(AuthenticatedKey caller, String requestId) {
        return tokens.get(caller, this::mint);
    }

    private String mint(AuthenticatedKey caller) {
        Instant now = Instant.now();
        JwtClaimsBuilder b = Jwt.issuer(InternalClaims.ISSUER)
                .audience(InternalClaims.AUDIENCE)
                .subject(caller.userId() != null ? "user:" + caller.userId() : "apikey:" + caller.id())
                .groups(Set.of(caller.scope().value()))
                .claim(InternalClaims.SCOPE, caller.scope().value())
                .claim(InternalClaims.API_KEY_ID, caller.id())
                .claim(InternalClaims.PREFIX, caller.prefix())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime));
        if (caller.userId() != null) {
            b.claim(InternalClaims.USER_ID, caller.userId());
        }
        if (caller.publicTag() != null) {
            b.claim(InternalClaims.PUBLIC_TAG, caller.publicTag());
        }
        return b.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(signingKey());
    }

    private PrivateKey signingKey() {
        PrivateKey k = key;
        if (k == null) {
            k = readPem(keyLocation);
            key = k;
        }
        return k;
    }

    /**
     * Reads an RSA PKCS#8 PEM private key.
     *
     * @param location file path, or classpath resource name
     * @throws IllegalStateException when the key cannot be read or parsed
     */
    static PrivateKey readPem(String location) {
        String pem;
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } else {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                    if (in == null) {
                        throw new IllegalStateException("internal JWT signing key not found at '" + location
                                + "' (set KOBATELA_JWT_PRIVATE_KEY_LOCATION)");
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the internal JWT signing key at '" + location + "': " + e.getMessage(), e);
        }
    }
}
