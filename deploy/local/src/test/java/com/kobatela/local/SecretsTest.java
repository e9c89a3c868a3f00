package com.kobatela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static byte[] der(Path pem, String type) throws Exception {
        String text = Files.readString(pem);
        assertTrue(text.startsWith("-----BEGIN " + type + "-----\n"), text);
        assertTrue(text.endsWith("-----END " + type + "-----\n"), text);
        String body = text.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
        return Base64.getMimeDecoder().decode(body);
    }

    @Test
    void generatesAMatchingRsaPairOnceWithPrivateFilesOwnerOnly(@TempDir Path dir) throws Exception {
        Secrets first = Secrets.loadOrCreate(dir.resolve("keys"));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(der(first.jwtPrivateKey(), "PRIVATE KEY")));
        RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(
                new X509EncodedKeySpec(der(first.jwtPublicKey(), "PUBLIC KEY")));
        assertEquals(2048, pub.getModulus().bitLength());
        assertEquals(pub.getModulus(), priv.getModulus());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.jwtPrivateKey())));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keys/secret-key"))));
        assertTrue(first.secretKey().matches("[0-9a-f]{64}"));
        assertTrue(first.pspWebhookSecret().matches("[0-9a-f]{64}"));

        String privatePem = Files.readString(first.jwtPrivateKey());
        Secrets second = Secrets.loadOrCreate(dir.resolve("keys"));
        assertEquals(privatePem, Files.readString(second.jwtPrivateKey()));
        assertEquals(first.secretKey(), second.secretKey());
        assertEquals(first.pspWebhookSecret(), second.pspWebhookSecret());
    }
}
