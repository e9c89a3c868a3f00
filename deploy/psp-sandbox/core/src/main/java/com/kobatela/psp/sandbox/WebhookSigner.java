package com.kobatela.psp.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PSP webhook signature of spec {@code rules.md#psp-webhook}: lower-case
 * {@code hex(HMAC-SHA256(key = secret UTF-8, message = timestamp + "." + raw body))}.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * Signs a webhook.
     *
     * @param secret    the shared secret
     * @param timestamp the {@code X-PSP-Timestamp} header value, exactly as sent
     * @param body      the raw body bytes, exactly as sent
     * @return 64 lower-case hex characters
     */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code sha256:} and the first 8 hex characters of the secret's SHA-256: safe to log, never the secret. */
    public static String fingerprint(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
