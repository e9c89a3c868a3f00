package com.kobatela.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.payment.config.WebhookSecrets;
import com.kobatela.payment.service.WebhookVerifier;
import com.kobatela.psp.sandbox.WebhookSigner;

/** Steps 1–4 of spec rules.md#psp-webhook as plain unit tests, and the start rule for the secrets. */
class WebhookVerifierTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final byte[] BODY = "{\"type\":\"payment.settled\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSecrets.Snapshot BOTH = new WebhookSecrets.Snapshot("primary-secret", "next-secret");

    private static String code(Executable call) {
        return assertThrows(ApiException.class, call).code();
    }

    private static String ts(long offsetSeconds) {
        return String.valueOf(NOW.getEpochSecond() + offsetSeconds);
    }

    @Test
    void matchesThePrimaryThenTheNextSecret() {
        String ts = ts(0);
        assertEquals("primary", WebhookVerifier.verify(BOTH, WebhookSigner.sign("primary-secret", ts, BODY), ts, BODY, NOW, 300));
        assertEquals("next", WebhookVerifier.verify(BOTH, WebhookSigner.sign("next-secret", ts, BODY), ts, BODY, NOW, 300));
        assertEquals("next", WebhookVerifier.verify(new WebhookSecrets.Snapshot(null, "next-secret"),
                WebhookSigner.sign("next-secret", ts, BODY), ts, BODY, NOW, 300));
        assertEquals("WEBHOOK_SIGNATURE_INVALID", code(() -> WebhookVerifier.verify(BOTH, WebhookSigner.sign("other", ts, BODY), ts, BODY, NOW, 300)));
        // the timestamp header is signed exactly as received
        assertEquals("WEBHOOK_SIGNATURE_INVALID", code(() -> WebhookVerifier.verify(BOTH, WebhookSigner.sign("primary-secret", ts + ".0", BODY),
                ts, BODY, NOW, 300)));
        assertEquals(WebhookSigner.sign("k", "1", BODY), WebhookVerifier.sign("k", "1", BODY));
    }

    @Test
    void checksComeInTheSpecOrder() {
        WebhookSecrets.Snapshot none = new WebhookSecrets.Snapshot(null, null);
        assertEquals("WEBHOOK_SECRET_NOT_CONFIGURED", code(() -> WebhookVerifier.verify(none, null, null, BODY, NOW, 300)));
        assertEquals("WEBHOOK_SIGNATURE_MISSING", code(() -> WebhookVerifier.verify(BOTH, null, ts(0), BODY, NOW, 300)));
        assertEquals("WEBHOOK_SIGNATURE_MISSING", code(() -> WebhookVerifier.verify(BOTH, "abc", " ", BODY, NOW, 300)));
        assertEquals("WEBHOOK_TIMESTAMP_INVALID", code(() -> WebhookVerifier.verify(BOTH, "abc", "yesterday", BODY, NOW, 300)));
        assertEquals("WEBHOOK_TIMESTAMP_DRIFT", code(() -> WebhookVerifier.verify(BOTH, "abc", ts(-301), BODY, NOW, 300)));
        assertEquals("WEBHOOK_TIMESTAMP_DRIFT", code(() -> WebhookVerifier.verify(BOTH, "abc", ts(301), BODY, NOW, 300)));
        assertEquals("WEBHOOK_SIGNATURE_INVALID", code(() -> WebhookVerifier.verify(BOTH, "abc", ts(-300), BODY, NOW, 300)));
        ApiException drift = assertThrows(ApiException.class, () -> WebhookVerifier.verify(BOTH, "abc", ts(-400), BODY, NOW, 300));
        assertEquals(401, drift.status());
        assertEquals(400L, drift.details().get("age_seconds"));
        assertEquals(300L, drift.details().get("max_drift_seconds"));
    }

    @Test
    void timestampsAreSecondsOrIso8601() {
        assertEquals(Instant.ofEpochSecond(1700000000), WebhookVerifier.parseTimestamp("1700000000"));
        assertEquals(Instant.ofEpochSecond(1700000000), WebhookVerifier.parseTimestamp("1700000000.987"));
        assertEquals(Instant.parse("2025-11-23T10:00:00Z"), WebhookVerifier.parseTimestamp("2025-11-23T10:00:00Z"));
        assertEquals(Instant.parse("2025-11-23T09:00:00Z"), WebhookVerifier.parseTimestamp("2025-11-23T10:00:00+01:00"));
        assertEquals(Instant.parse("2025-11-23T10:00:00Z"), WebhookVerifier.parseTimestamp("2025-11-23T10:00:00"));
        assertNull(WebhookVerifier.parseTimestamp("abc"));
        assertNull(WebhookVerifier.parseTimestamp("1e400"));
        assertNull(WebhookVerifier.parseTimestamp("NaN"));
    }

    @Test
    void outsideDevTestAndLocalTheServiceNeedsASecret() {
        WebhookSecrets.Snapshot none = new WebhookSecrets.Snapshot(null, null);
        assertThrows(IllegalStateException.class, () -> WebhookSecrets.requireForProfiles(List.of("prod"), none));
        assertThrows(IllegalStateException.class, () -> WebhookSecrets.requireForProfiles(List.of("staging"), none));
        WebhookSecrets.requireForProfiles(List.of("prod"), new WebhookSecrets.Snapshot(null, "next"));
        WebhookSecrets.requireForProfiles(List.of("local"), none);
        WebhookSecrets.requireForProfiles(List.of("test"), none);
        WebhookSecrets.requireForProfiles(List.of("dev"), none);
        assertEquals("sha256:f00c64fc", WebhookSecrets.fingerprint("next-secret"));
    }
}
