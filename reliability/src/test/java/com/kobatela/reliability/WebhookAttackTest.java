package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;
import com.kobatela.local.e2e.PaymentSandbox;

/**
 * Family {@code webhook}: PSP webhooks through the gateway (no API key) with bad signatures, missing headers, old,
 * future and malformed timestamps, a wrong secret, replays, unknown events, malformed bodies and missing event ids:
 * each refused with the code of {@code spec/rules.md#psp-webhook} (or accepted and stored for an unknown type), and
 * every refusal counted in payment-service's {@code kobatela_psp_webhook_rejections_total} by reason.
 */
@Order(40)
class WebhookAttackTest {

    private record Case(String name, String body, String[] headers, int status, String code) {
    }

    @Test
    void webhookAttacksAreRefusedWithTheirCodeAndCounted() throws Exception {
        Family family = Family.of("webhook");
        String secret = Files.readString(RelStack.get().options().keysDir().resolve("psp-webhook-secret"), StandardCharsets.US_ASCII).strip();
        Map<String, Double> before = rejections();
        E2eHttp gateway = RelStack.gateway();
        long now = Instant.now().getEpochSecond();
        String event = "{\"type\":\"payment.settled\",\"event_id\":\"evt-" + UUID.randomUUID() + "\",\"psp_ref\":\"none\"}";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no-signature", event, new String[] {"X-PSP-Timestamp", String.valueOf(now)}, 401, "WEBHOOK_SIGNATURE_MISSING"));
        cases.add(new Case("no-timestamp", event, new String[] {"X-PSP-Signature", "00"}, 401, "WEBHOOK_SIGNATURE_MISSING"));
        cases.add(new Case("bad-signature", event, signed("not-the-secret", now, event), 401, "WEBHOOK_SIGNATURE_INVALID"));
        cases.add(new Case("garbage-signature", event, new String[] {"X-PSP-Timestamp", String.valueOf(now), "X-PSP-Signature", "zz' or 1=1"},
                401, "WEBHOOK_SIGNATURE_INVALID"));
        cases.add(new Case("old-timestamp", event, signed(secret, now - 301, event), 401, "WEBHOOK_TIMESTAMP_DRIFT"));
        cases.add(new Case("future-timestamp", event, signed(secret, now + 301, event), 401, "WEBHOOK_TIMESTAMP_DRIFT"));
        cases.add(new Case("malformed-timestamp", event, new String[] {"X-PSP-Timestamp", "yesterday", "X-PSP-Signature",
                PaymentSandbox.sign(secret, "yesterday", event)}, 401, "WEBHOOK_TIMESTAMP_INVALID"));
        cases.add(new Case("signature-over-other-body", event, signed(secret, now, event.replace("settled", "failed")), 401,
                "WEBHOOK_SIGNATURE_INVALID"));
        cases.add(new Case("not-json", "not json at all", signed(secret, now, "not json at all"), 400, "INVALID_PAYLOAD"));
        cases.add(new Case("json-array", "[1,2]", signed(secret, now, "[1,2]"), 400, "INVALID_PAYLOAD"));
        String noId = "{\"type\":\"payment.settled\"}";
        cases.add(new Case("missing-event-id", noId, signed(secret, now, noId), 400, "MISSING_EVENT_ID"));
        String unknown = "{\"type\":\"account.hacked\",\"event_id\":\"evt-" + UUID.randomUUID() + "\"}";
        cases.add(new Case("unknown-type-stored", unknown, signed(secret, now, unknown), 200, null));
        String replayed = "{\"type\":\"test.ping\",\"event_id\":\"evt-" + UUID.randomUUID() + "\"}";
        String[] replayHeaders = signed(secret, now, replayed);
        cases.add(new Case("first-delivery", replayed, replayHeaders, 200, null));
        cases.add(new Case("replay-within-300s", replayed, replayHeaders, 401, "WEBHOOK_REPLAY"));

        Map<String, Integer> expectedRejections = new LinkedHashMap<>();
        for (Case c : cases) {
            E2eHttp.Result r = gateway.postJson("/psp/webhook", c.body(), c.headers());
            boolean ok = r.status() == c.status() && (c.code() == null || c.code().equals(r.json().path("error").path("code").asText()));
            family.check(ok, c.name() + " -> " + r.status() + " " + r.body());
            if (c.code() != null) {
                expectedRejections.merge(c.code(), 1, Integer::sum);
            }
        }
        Map<String, Double> after = rejections();
        for (Map.Entry<String, Integer> e : expectedRejections.entrySet()) {
            double delta = after.getOrDefault(e.getKey(), 0.0) - before.getOrDefault(e.getKey(), 0.0);
            family.check(delta >= e.getValue(), "metric kobatela_psp_webhook_rejections_total{reason=" + e.getKey() + "} moved by " + delta
                    + ", expected " + e.getValue());
        }
        assertEquals(0, family.failures(), family.failureReport());
    }

    private static String[] signed(String secret, long ts, String body) {
        return new String[] {"X-PSP-Timestamp", String.valueOf(ts), "X-PSP-Signature", PaymentSandbox.sign(secret, String.valueOf(ts), body)};
    }

    /** {@code kobatela_psp_webhook_rejections_total} by reason, scraped from payment-service's {@code /q/metrics}. */
    private static Map<String, Double> rejections() throws Exception {
        return Metrics.byTag(Service.PAYMENT, "kobatela_psp_webhook_rejections_total", "reason");
    }
}
