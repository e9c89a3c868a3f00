package com.kobatela.local.e2e;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * End-to-end helpers for payments: the local stack's PSP sandbox (its control API) and signed PSP webhooks sent
 * through the gateway, as the PSP would send them. For the integrator's saga tests, e.g.:
 *
 * <pre>{@code
 * PaymentSandbox psp = new PaymentSandbox(stack());
 * psp.webhooks(Map.of("outcome", "none"));          // settle by hand instead of automatically
 * ... payout SENT, psp_ref read from GET /escrows/{id}/payments ...
 * psp.settle(pspRef);                                // signed payment.settled → gateway → payment-service
 * psp.mode("fail", 0);                               // 502 on payouts (also reject, hang, slow + delay_ms)
 * }</pre>
 */
public final class PaymentSandbox {

    private final LocalStack.Running stack;
    private final E2eHttp sandbox;

    /** The sandbox of this stack. */
    public PaymentSandbox(LocalStack.Running stack) {
        this.stack = stack;
        this.sandbox = new E2eHttp(stack.serviceUrl(Service.PSP_SANDBOX));
    }

    /** The webhook secret shared by the sandbox and payment-service ({@code <workDir>/keys/psp-webhook-secret}). */
    public String secret() {
        try {
            return Files.readString(stack.options().keysDir().resolve("psp-webhook-secret"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code hex(HMAC-SHA256(secret, timestamp + "." + body))} (spec rules.md#psp-webhook). */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs {@code body} to the gateway's {@code /psp/webhook}, signed now with the stack's secret. */
    public E2eHttp.Result sendSigned(String body, String... extraHeaders) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String[] headers = new String[extraHeaders.length + 4];
        headers[0] = "X-PSP-Timestamp";
        headers[1] = ts;
        headers[2] = "X-PSP-Signature";
        headers[3] = sign(secret(), ts, body);
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return new E2eHttp(stack.gatewayUrl()).postJson("/psp/webhook", body, headers);
    }

    /** Sets the payout answer mode: {@code ok}, {@code fail}, {@code reject}, {@code hang}, {@code slow}. */
    public void mode(String mode, long delayMs) {
        check(sandbox.postJson("/sandbox/mode", Map.of("mode", mode, "delay_ms", delayMs)));
    }

    /** Changes the webhook settings ({@code outcome} settled|failed|none, {@code delay_ms}, {@code secret}, ...). */
    public void webhooks(Map<String, Object> settings) {
        check(sandbox.postJson("/sandbox/webhooks", settings));
    }

    /** Sends a signed {@code payment.settled} for a payout now; returns the event id. */
    public String settle(String pspRef) {
        return check(sandbox.postJson("/sandbox/payouts/" + pspRef + "/settle", Map.of())).json().path("event_id").asText();
    }

    /** Sends a signed {@code payment.failed} for a payout now; returns the event id. */
    public String fail(String pspRef) {
        return check(sandbox.postJson("/sandbox/payouts/" + pspRef + "/fail", Map.of())).json().path("event_id").asText();
    }

    /** Has the sandbox send a signed event of any type (e.g. {@code test.ping}); returns the event id. */
    public String sendEvent(String type) {
        return check(sandbox.postJson("/sandbox/events", Map.of("type", type))).json().path("event_id").asText();
    }

    /** The delivery of a webhook event: {@code state} (pending, delivered, gave_up), {@code attempts}, {@code last_status}. */
    public E2eHttp.Result delivery(String eventId) {
        return sandbox.get("/sandbox/deliveries/" + eventId);
    }

    /** The payout the sandbox holds for one of our idempotency keys (404 if none). */
    public E2eHttp.Result payoutByKey(String idempotencyKey) {
        return sandbox.get("/payouts?idempotency_key=" + java.net.URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8));
    }

    private static E2eHttp.Result check(E2eHttp.Result r) {
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("PSP sandbox answered " + r.status() + ": " + r.body());
        }
        return r;
    }
}
