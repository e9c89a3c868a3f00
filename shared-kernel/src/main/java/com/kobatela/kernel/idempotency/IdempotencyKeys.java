package com.kobatela.kernel.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/**
 * The {@code Idempotency-Key} header rules (spec {@code rules.md#idempotency}, {@code api.md#0.1}): trimmed,
 * blank counts as missing ({@code 400 IDEMPOTENCY_KEY_REQUIRED}), longer than 64 characters is
 * {@code 422 VALIDATION_ERROR}; requests are compared by a SHA-256 fingerprint of their canonical form.
 */
public final class IdempotencyKeys {

    /** The header name. */
    public static final String HEADER = "Idempotency-Key";
    /** Maximum key length accepted from clients. */
    public static final int MAX_LENGTH = 64;

    private IdempotencyKeys() {
    }

    /**
     * Normalises a required key.
     *
     * @param raw  the header value, may be null
     * @param path the request path shown in the message, e.g. {@code /escrows/{id}/deposit}
     * @return the trimmed key
     * @throws ApiException 400 {@code IDEMPOTENCY_KEY_REQUIRED} when missing or blank; 422 when too long
     */
    public static String required(String raw, String path) {
        String key = optional(raw);
        if (key == null) {
            throw new ApiException(400, ErrorCodes.IDEMPOTENCY_KEY_REQUIRED,
                    "Header 'Idempotency-Key' is required for POST " + path + ".", HEADER, null);
        }
        return key;
    }

    /**
     * Normalises an optional key.
     *
     * @return the trimmed key, or null when missing or blank
     * @throws ApiException 422 when longer than 64 characters
     */
    public static String optional(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String key = raw.strip();
        if (key.length() > MAX_LENGTH) {
            throw ApiException.validation(HEADER, "Idempotency-Key must be at most " + MAX_LENGTH + " characters.");
        }
        return key;
    }

    /**
     * Fingerprint of a canonical request: SHA-256 (lower-case hex) of the parts joined by {@code '|'}.
     * Callers pass the operation, path parameters and normalised body fields.
     */
    public static String fingerprint(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(part == null ? "" : part.toString()).append('|');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 409 IDEMPOTENCY_KEY_CONFLICT}: the key was already used for another request. */
    public static ApiException conflict() {
        return new ApiException(409, ErrorCodes.IDEMPOTENCY_KEY_CONFLICT,
                "Idempotency-Key already used with a different request.", HEADER, null);
    }
}
