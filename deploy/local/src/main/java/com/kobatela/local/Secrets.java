package com.kobatela.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Local secrets, created once and kept under {@code <workDir>/keys}: the RSA key pair of the internal
 * JWT (PEM), the gateway's {@code SECRET_KEY} and the PSP webhook secret.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path jwtPrivateKey;
    private final Path jwtPublicKey;
    private final String secretKey;
    private final String pspWebhookSecret;

    private Secrets(Path jwtPrivateKey, Path jwtPublicKey, String secretKey, String pspWebhookSecret) {
        this.jwtPrivateKey = jwtPrivateKey;
        this.jwtPublicKey = jwtPublicKey;
        this.secretKey = secretKey;
        this.pspWebhookSecret = pspWebhookSecret;
    }

    /** Loads the secrets from {@code keysDir}, generating whatever is missing. */
    public static Secrets loadOrCreate(Path keysDir) throws IOException {
        Files.createDirectories(keysDir);
        Path privatePem = keysDir.resolve("jwt-private.pem");
        Path publicPem = keysDir.resolve("jwt-public.pem");
        if (!Files.isRegularFile(privatePem) || !Files.isRegularFile(publicPem)) {
            KeyPair pair = newRsaKeyPair();
            writePrivate(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            writePrivate(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        }
        return new Secrets(privatePem, publicPem,
                randomSecretFile(keysDir.resolve("secret-key")),
                randomSecretFile(keysDir.resolve("psp-webhook-secret")));
    }

    /** PEM file of the RSA private key (PKCS#8, {@code BEGIN PRIVATE KEY}), mode 0600. */
    public Path jwtPrivateKey() {
        return jwtPrivateKey;
    }

    /** PEM file of the RSA public key (X.509 SubjectPublicKeyInfo, {@code BEGIN PUBLIC KEY}). */
    public Path jwtPublicKey() {
        return jwtPublicKey;
    }

    /** The gateway's {@code SECRET_KEY}: 64 hex characters. */
    public String secretKey() {
        return secretKey;
    }

    /** The PSP webhook secret shared by payment-service and the PSP sandbox: 64 hex characters. */
    public String pspWebhookSecret() {
        return pspWebhookSecret;
    }

    /** Encodes DER bytes as PEM with 64-character lines. */
    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA not available", e);
        }
    }

    private static String randomSecretFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!existing.isEmpty()) {
                return existing;
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        writePrivate(file, secret + "\n", true);
        return secret;
    }

    /** Writes atomically (temp file + move), with mode 0600 when {@code ownerOnly}. */
    private static void writePrivate(Path file, String content, boolean ownerOnly) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default mode
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
