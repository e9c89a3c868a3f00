package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kobatela.local.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PSP webhooks through the gateway (no API key, body byte for byte) to payment-service, which verifies them (spec
 * rules.md#psp-webhook, acceptance K), and the PSP sandbox sending signed webhooks to the gateway; payment read
 * endpoints through the gateway.
 */
class PaymentWebhookE2eTest extends E2eTestBase {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private PaymentSandbox psp;

    @BeforeEach
    void setUp() {
        assumeTrue(stack().services().containsAll(java.util.List.of(Service.GATEWAY, Service.PAYMENT, Service.PSP_SANDBOX)),
                "gateway, payment-service and psp-sandbox must be part of this run");
        psp = new PaymentSandbox(stack());
    }

    @Test
    void badSignatureAndMissingHeadersAreRefusedThroughTheGateway() {
        String body = "{\"type\":\"payment.settled\",\"event_id\":\"evt-" + UUID.randomUUID() + "\"}";
        E2eHttp.Result bad = gateway().postJson("/psp/webhook", body, "X-PSP-Timestamp", String.valueOf(Instant.now().getEpochSecond()),
                "X-PSP-Signature", "bad-signature");
        assertEquals(401, bad.status(), bad.body());
        assertEquals("WEBHOOK_SIGNATURE_INVALID", code(bad));
        E2eHttp.Result missing = gateway().postJson("/psp/webhook", body);
        assertEquals(401, missing.status(), missing.body());
        assertEquals("WEBHOOK_SIGNATURE_MISSING", code(missing));
        String old = String.valueOf(Instant.now().getEpochSecond() - 1000);
        E2eHttp.Result stale = gateway().postJson("/psp/webhook", body, "X-PSP-Timestamp", old, "X-PSP-Signature",
                PaymentSandbox.sign(psp.secret(), old, body));
        assertEquals(401, stale.status(), stale.body());
        assertEquals("WEBHOOK_TIMESTAMP_DRIFT", code(stale));
        E2eHttp.Result stripe = gateway().postJson("/psp/stripe/webhook", "{}", "Stripe-Signature", "t=1,v1=x");
        assertEquals(503, stripe.status(), stripe.body());
        assertEquals("STRIPE_DISABLED", code(stripe));
    }

    @Test
    void signedEventsPassByteForByteAndReplaysAreRefused() {
        String eventId = "evt-" + UUID.randomUUID();
        // unusual spacing: the signature covers the exact bytes, so the gateway must not re-serialise them
        String body = "{ \"type\" : \"test.ping\",\n  \"event_id\":\"" + eventId + "\" }";
        E2eHttp.Result ok = psp.sendSigned(body);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("true", ok.json().path("ok").asText());
        assertEquals(eventId, ok.json().path("event_id").asText());
        E2eHttp.Result replay = psp.sendSigned(body);
        assertEquals(401, replay.status(), replay.body());
        assertEquals("WEBHOOK_REPLAY", code(replay));
        E2eHttp.Result noId = psp.sendSigned("{\"type\":\"payment.settled\"}");
        assertEquals(400, noId.status(), noId.body());
        assertEquals("MISSING_EVENT_ID", code(noId));
        E2eHttp.Result notJson = psp.sendSigned("not json");
        assertEquals(400, notJson.status(), notJson.body());
        assertEquals("INVALID_PAYLOAD", code(notJson));
    }

    @Test
    void sandboxSignedTestPingReachesPaymentServiceThroughTheGateway() {
        String eventId = psp.sendEvent("test.ping");
        E2eHttp.Result delivered = Poll.poll(EVENTUALLY, () -> psp.delivery(eventId),
                r -> "delivered".equals(r.json().path("state").asText()));
        assertEquals(200, delivered.json().path("last_status").asInt(), delivered.body());
    }

    @Test
    void paymentReadsAnswerThroughTheGateway() {
        E2eHttp.Result unknown = admin().get("/payments/999999");
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("PAYMENT_NOT_FOUND", code(unknown));
        E2eHttp.Result execute = admin().postJson("/payments/execute/999999", null);
        assertEquals(404, execute.status(), execute.body());
        assertEquals("PAYMENT_NOT_FOUND", code(execute));
        E2eHttp.Result escrow = admin().get("/escrows/999999/payments");
        assertEquals(404, escrow.status(), escrow.body());
        assertEquals("ESCROW_NOT_FOUND", code(escrow));
        E2eHttp.Result noKey = gateway().get("/payments/1");
        assertEquals(401, noKey.status(), noKey.body());
    }
}
