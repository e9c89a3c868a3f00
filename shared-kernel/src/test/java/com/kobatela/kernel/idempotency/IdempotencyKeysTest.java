package com.kobatela.kernel.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.error.ApiException;

/** spec rules.md#idempotency: trimming, blank = missing (400), over 64 chars (422), fingerprints. */
class IdempotencyKeysTest {

    @Test
    void trimsAndRequires() {
        assertEquals("abc", IdempotencyKeys.required("  abc ", "/escrows/1/deposit"));
        ApiException missing = assertThrows(ApiException.class, () -> IdempotencyKeys.required("   ", "/escrows/1/deposit"));
        assertEquals(400, missing.status());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", missing.code());
        assertEquals("Header 'Idempotency-Key' is required for POST /escrows/1/deposit.", missing.getMessage());
        assertThrows(ApiException.class, () -> IdempotencyKeys.required(null, "/x"));
        assertNull(IdempotencyKeys.optional(""));
    }

    @Test
    void refusesOverlongKeys() {
        String key = "k".repeat(65);
        ApiException e = assertThrows(ApiException.class, () -> IdempotencyKeys.optional(key));
        assertEquals(422, e.status());
        assertEquals("k".repeat(64), IdempotencyKeys.optional("k".repeat(64)));
    }

    @Test
    void fingerprintsDependOnEveryPart() {
        assertEquals(IdempotencyKeys.fingerprint("deposit", 1, "10.00"), IdempotencyKeys.fingerprint("deposit", 1, "10.00"));
        assertNotEquals(IdempotencyKeys.fingerprint("deposit", 1, "10.00"), IdempotencyKeys.fingerprint("deposit", 2, "10.00"));
        assertEquals(64, IdempotencyKeys.fingerprint("x").length());
    }
}
