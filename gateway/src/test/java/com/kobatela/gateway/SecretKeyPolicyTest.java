package com.kobatela.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.kobatela.gateway.config.SecretKeyPolicy;
import com.kobatela.gateway.domain.GeneratedKey;
import com.kobatela.gateway.service.ApiKeyAuthenticator;

/** Prod refusal of weak secrets, key generation and token extraction, as plain unit tests. */
class SecretKeyPolicyTest {

    @Test
    void prodRefusesMissingShortOrDefaultSecrets() {
        assertThrows(IllegalStateException.class, () -> SecretKeyPolicy.resolve(true, Optional.empty()));
        assertThrows(IllegalStateException.class, () -> SecretKeyPolicy.resolve(true, Optional.of("   ")));
        assertThrows(IllegalStateException.class, () -> SecretKeyPolicy.resolve(true, Optional.of("change-me")));
        assertThrows(IllegalStateException.class, () -> SecretKeyPolicy.resolve(true, Optional.of(SecretKeyPolicy.DEV_DEFAULT)));
        assertThrows(IllegalStateException.class, () -> SecretKeyPolicy.resolve(true, Optional.of("a".repeat(31))));
        String good = "x".repeat(32);
        assertEquals(good, SecretKeyPolicy.resolve(true, Optional.of(good)));
    }

    @Test
    void otherProfilesFallBackToTheDevDefault() {
        assertEquals(SecretKeyPolicy.DEV_DEFAULT, SecretKeyPolicy.resolve(false, Optional.empty()));
        assertEquals("short", SecretKeyPolicy.resolve(false, Optional.of("short")));
        assertTrue(SecretKeyPolicy.prodProfile(List.of("prod")));
        assertTrue(!SecretKeyPolicy.prodProfile(List.of("local")));
    }

    @Test
    void generatedKeysHaveTheSpecFormat() {
        for (int i = 0; i < 200; i++) {
            GeneratedKey k = GeneratedKey.generate();
            assertTrue(GeneratedKey.FORMAT.matcher(k.raw()).matches(), k.raw());
            assertEquals(k.prefix(), k.raw().substring(0, 11));
            assertTrue(!k.toString().contains(k.raw().substring(12)));
        }
    }

    @Test
    void tokenExtraction() {
        assertEquals(Optional.of("k1"), ApiKeyAuthenticator.extractToken(" k1 ", "Bearer k2"));
        assertEquals(Optional.of("k2"), ApiKeyAuthenticator.extractToken(null, "Bearer  k2 "));
        assertEquals(Optional.of("k2"), ApiKeyAuthenticator.extractToken("  ", "bearer k2"));
        assertEquals(Optional.empty(), ApiKeyAuthenticator.extractToken(null, "Basic abc"));
        assertEquals(Optional.empty(), ApiKeyAuthenticator.extractToken(null, "Bearer "));
        assertEquals(Optional.empty(), ApiKeyAuthenticator.extractToken(null, null));
    }
}
