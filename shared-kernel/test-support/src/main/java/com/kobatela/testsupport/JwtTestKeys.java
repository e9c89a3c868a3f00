package com.kobatela.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * The internal-JWT key pair of a test JVM (RSA 2048, generated once, PEM files in a temp directory): the
 * gateway signs with the private key, services verify with the public one. No key is ever committed.
 */
public final class JwtTestKeys {

    private static KeyPair pair;
    private static Path publicPem;
    private static Path privatePem;

    private JwtTestKeys() {
    }

    /** The key pair, generated on first use. */
    public static synchronized KeyPair pair() {
        if (pair == null) {
            pair = generate();
            try {
                Path dir = Files.createTempDirectory("kobatela-jwt");
                publicPem = dir.resolve("jwt-public.pem");
                privatePem = dir.resolve("jwt-private.pem");
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                dir.toFile().deleteOnExit();
                publicPem.toFile().deleteOnExit();
                privatePem.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return pair;
    }

    /** Absolute path of the public key PEM (X.509 SubjectPublicKeyInfo). */
    public static String publicKeyLocation() {
        pair();
        return publicPem.toAbsolutePath().toString();
    }

    /** Absolute path of the private key PEM (PKCS#8). */
    public static String privateKeyLocation() {
        pair();
        return privatePem.toAbsolutePath().toString();
    }

    /** The private signing key. */
    public static PrivateKey privateKey() {
        return pair().getPrivate();
    }

    /** A fresh, unrelated RSA key pair (to forge tokens in tests). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
