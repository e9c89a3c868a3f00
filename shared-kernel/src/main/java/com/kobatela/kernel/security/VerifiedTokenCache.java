package com.kobatela.kernel.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The services' internal-JWT parser (ARCHITECTURE §4): smallrye-jwt's own verification, remembered per exact token.
 *
 * <p>The gateway reuses a token for the same API key for up to 30 s, so a service sees the same compact JWS many
 * times; verifying its RS256 signature each time is a fifth of a request's CPU on a small machine. A token that
 * passed {@link DefaultJWTParser#parse(String)} is kept, keyed by its full text (any changed byte is another key and
 * is verified afresh), until its {@code exp} or for at most {@code kobatela.jwt.verified-cache.max-age} (default
 * 60 s), whichever comes first; a failed token is never kept. Only {@link #parse(String)}, the call of the bearer
 * authentication, is cached; every other method delegates unchanged. {@code kobatela.jwt.verified-cache.enabled=false}
 * verifies every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** smallrye-jwt's parser; absent where the extension is switched off at build time (the gateway). */
    @Inject
    Instance<DefaultJWTParser> verifiers;

    @ConfigProperty(name = "kobatela.jwt.verified-cache.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kobatela.jwt.verified-cache.max-age", defaultValue = "60s")
    Duration maxAge;

    @ConfigProperty(name = "kobatela.jwt.verified-cache.max-size", defaultValue = "10000")
    long maxSize;

    private Cache<String, JsonWebToken> verified;

    private DefaultJWTParser verifier() {
        return verifiers.get();
    }

    /**
     * Verifies {@code token} (signature, issuer, audience, expiry) or returns the result of an earlier verification
     * of the same text that has not expired.
     *
     * @throws ParseException when the token is not valid (then nothing is cached)
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!enabled || token == null) {
            return verifier().parse(token);
        }
        Cache<String, JsonWebToken> cache = verified;
        JsonWebToken known = cache.getIfPresent(token);
        if (known != null && known.getExpirationTime() > Instant.now().getEpochSecond()) {
            return known;
        }
        JsonWebToken fresh = verifier().parse(token);
        cache.put(token, fresh);
        return fresh;
    }

    /** Builds the cache from the configuration. */
    @PostConstruct
    void init() {
        verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(new UntilExpiry(maxAge)).build();
    }

    /** An entry lives until the token's {@code exp}, and at most {@code maxAge}. */
    private record UntilExpiry(Duration maxAge) implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String key, JsonWebToken value, long currentTime) {
            long untilExp = Duration.ofSeconds(value.getExpirationTime()).minusMillis(System.currentTimeMillis()).toNanos();
            return Math.max(0, Math.min(untilExp, maxAge.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String key, JsonWebToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, JsonWebToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier().parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier().verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier().verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier().verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier().decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier().decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier().decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier().parseOnly(token);
    }
}
