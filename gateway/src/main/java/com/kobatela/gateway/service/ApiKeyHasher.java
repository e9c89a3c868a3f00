package com.kobatela.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.gateway.config.SecretKeyPolicy;

/**
 * Digest of a raw API key (spec {@code rules.md#api-keys}): HMAC-SHA256 keyed with {@code SECRET_KEY} over the
 * full raw key (prefix, dot and secret part), lower-case hex, 64 characters. The digest is the lookup index.
 */
@ApplicationScoped
public class ApiKeyHasher {

    @Inject
    SecretKeyPolicy secretKey;

    /** The stored digest of {@code rawKey}. */
    public String digest(String rawKey) {
        return hmacHex(secretKey.secret(), rawKey);
    }

    /** HMAC-SHA256 of {@code message} under {@code secret}, lower-case hex. */
    public static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
