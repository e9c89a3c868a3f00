package com.kobatela.payment.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.kobatela.payment.config.WebhookSecrets;

/**
 * Steps 1–4 of spec {@code rules.md#psp-webhook}, in that order, as a pure function: a secret is configured (else 503),
 * both signature headers are present, the timestamp parses (Unix seconds, fractions truncated, or ISO-8601; a naive
 * date-time is UTC) and is within the drift window (future timestamps inside it are accepted), and
 * {@code hex(HMAC-SHA256(secret, timestamp + "." + raw body))} equals the signature header (constant-time comparison,
 * primary secret then next).
 */
public final class WebhookVerifier {

    private WebhookVerifier() {
    }

    /**
     * Verifies a webhook.
     *
     * @param secrets         the secrets in force
     * @param signature       {@code X-PSP-Signature} (hex, case-insensitive) or null
     * @param timestamp       {@code X-PSP-Timestamp} exactly as received, or null
     * @param body            the raw body bytes
     * @param now             the current time
     * @param maxDriftSeconds allowed {@code |now - timestamp|}
     * @return the name of the secret that matched ({@code primary} or {@code next})
     * @throws com.kobatela.kernel.error.ApiException 503 {@code WEBHOOK_SECRET_NOT_CONFIGURED}; 401
     *                                                {@code WEBHOOK_SIGNATURE_MISSING}, {@code WEBHOOK_TIMESTAMP_INVALID},
     *                                                {@code WEBHOOK_TIMESTAMP_DRIFT}, {@code WEBHOOK_SIGNATURE_INVALID}
     */
    public static String verify(WebhookSecrets.Snapshot secrets, String signature, String timestamp, byte[] body, Instant now,
            long maxDriftSeconds) {
        if (!secrets.any()) {
            throw WebhookErrors.secretNotConfigured();
        }
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw WebhookErrors.signatureMissing();
        }
        Instant at = parseTimestamp(timestamp);
        if (at == null) {
            throw WebhookErrors.timestampInvalid();
        }
        long age = now.getEpochSecond() - at.getEpochSecond();
        if (Math.abs(age) > maxDriftSeconds) {
            throw WebhookErrors.timestampDrift(age, maxDriftSeconds);
        }
        byte[] presented = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        String matched = null;
        for (WebhookSecrets.Named candidate : secrets.candidates()) {
            byte[] expected = sign(candidate.secret(), timestamp, body).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented) && matched == null) {
                matched = candidate.name();
            }
        }
        if (matched == null) {
            throw WebhookErrors.signatureInvalid();
        }
        return matched;
    }

    /**
     * Parses a timestamp header: a number of seconds since the epoch (fractions truncated), else ISO-8601 with offset or
     * {@code Z}, else a naive ISO date-time read as UTC.
     *
     * @return the instant, or null when it is neither
     */
    public static Instant parseTimestamp(String raw) {
        String s = raw.strip();
        try {
            BigDecimal seconds = new BigDecimal(s);
            if (seconds.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
                return null;
            }
            return Instant.ofEpochSecond(seconds.longValue());
        } catch (NumberFormatException e) {
            // not a number: ISO-8601
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code hex(HMAC-SHA256(key = secret UTF-8, message = timestamp + "." + body))}, lower case. Deliberately
     * independent of the PSP sandbox's signer (another module, the PSP's side): the tests check one against the other.
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
}
