package com.kobatela.gateway.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A freshly generated raw API key and its prefix (spec {@code rules.md#api-keys}): {@code koba_} + 6 lower-case
 * hex characters (the 11-character prefix), {@code .}, then 43 characters of URL-safe base64 without padding
 * (32 random bytes from {@link SecureRandom}).
 *
 * @param prefix the public prefix, e.g. {@code koba_4402a0}
 * @param raw    the full raw key; shown to the caller once, never stored or logged
 */
public record GeneratedKey(String prefix, String raw) {

    /** Shape of every generated key. */
    public static final Pattern FORMAT = Pattern.compile("^koba_[0-9a-f]{6}\\.[A-Za-z0-9_-]{43}$");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Generates a new key. */
    public static GeneratedKey generate() {
        byte[] prefixBytes = new byte[3];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(prefixBytes);
        RANDOM.nextBytes(secret);
        String prefix = "koba_" + HexFormat.of().formatHex(prefixBytes);
        return new GeneratedKey(prefix, prefix + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Never prints the raw key. */
    @Override
    public String toString() {
        return "GeneratedKey[" + prefix + ".***]";
    }
}
