package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.kobatela.local.Service;

/**
 * Our Prometheus metrics move when the platform works (issue 7): after a flow through the gateway (a refused key, an
 * escrow paid through the saga, a refused webhook, a refused usage spend), each service's custom counters have grown:
 * gateway auth failures by reason, outbox events published, events applied by the idempotent consumers, payouts by
 * status, webhook rejections by reason, usage-spend rejections by code; the outbox backlog gauge is exported.
 */
class MetricsE2eTest extends E2eTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The sum of every sample of {@code metric} (all tag combinations) in a service's {@code /q/metrics}. */
    private static double total(Service service, String metric) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack().serviceUrl(service) + "/q/metrics"))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), service.id() + " /q/metrics");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(r.body());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            found = true;
            sum += Double.parseDouble(m.group(2));
        }
        return found ? sum : -1;
    }

    private static Map<String, Double> snapshot(Map<String, Service> metrics) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Service> e : metrics.entrySet()) {
            out.put(e.getValue().id() + " " + e.getKey(), total(e.getValue(), e.getKey()));
        }
        return out;
    }

    @Test
    void customMetricsMoveAfterAFlow() throws Exception {
        Map<String, Service> moving = new LinkedHashMap<>();
        moving.put("kobatela_gateway_auth_failures_total", Service.GATEWAY);
        moving.put("kobatela_outbox_published_total", Service.ESCROW);
        moving.put("kobatela_consumer_events_total", Service.PAYMENT);
        moving.put("kobatela_payouts_total", Service.PAYMENT);
        moving.put("kobatela_psp_webhook_rejections_total", Service.PAYMENT);
        moving.put("spend_usage_rejections_total", Service.SPEND);
        Map<String, Double> before = snapshot(moving);

        assertEquals(401, gateway().withApiKey("koba_000000.not-a-key").get("/escrows/1").status());
        long client = user("metrics-client");
        E2eHttp sender = as(key("sender", client));
        E2eHttp.Result created = once(sender, "/escrows", Map.of("client_id", client, "provider_id", user("metrics-provider"),
                "amount_total", "20.00", "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z"));
        long e = created.json().path("id").asLong();
        assertEquals(201, admin().postJson("/escrows/" + e + "/milestones", Map.of("label", "m", "amount", "20.00", "currency", "USD",
                "sequence_index", 1, "proof_kind", "PHOTO")).status());
        assertEquals(200, sender.postJson("/escrows/" + e + "/deposit", Map.of("amount", "20.00"), "Idempotency-Key", "m-" + e).status());
        E2eHttp.Result proof = Poll.poll(EVENTUALLY, () -> sender.postJson("/proofs", Map.of("escrow_id", e, "milestone_idx", 1, "type",
                "PHOTO", "storage_url", "https://example.com/m.jpg", "sha256", UUID.randomUUID().toString(), "metadata",
                Map.of("exif_timestamp", Instant.now().toString(), "source", "app"))), r -> r.status() == 201);
        assertEquals("APPROVED", proof.json().path("status").asText());
        Poll.poll(EVENTUALLY, () -> sender.get("/escrows/" + e).json(), x -> "RELEASED".equals(x.path("status").asText()));
        assertEquals(401, gateway().postJson("/psp/webhook", "{\"event_id\":\"m\",\"type\":\"x\"}", "X-PSP-Timestamp",
                String.valueOf(Instant.now().getEpochSecond()), "X-PSP-Signature", "00").status());
        // refused (the escrow is released, or at least the payee is unknown): counted by code
        int refused = sender.postJson("/spend", Map.of("escrow_id", e, "payee_ref", "NOBODY", "amount", "1.00"), "Idempotency-Key",
                "m-spend-" + e).status();
        assertTrue(refused == 403 || refused == 409, "usage spend refused: " + refused);

        Map<String, Double> after = Poll.poll(EVENTUALLY, () -> snapshot(moving), a -> {
            for (Map.Entry<String, Double> x : a.entrySet()) {
                if (x.getValue() <= Math.max(0, before.get(x.getKey()))) {
                    return false;
                }
            }
            return true;
        });
        for (String k : after.keySet()) {
            assertTrue(after.get(k) > Math.max(0, before.get(k)), k + ": " + before.get(k) + " -> " + after.get(k));
        }
        for (Service s : List.of(Service.ESCROW, Service.SPEND, Service.PROOF, Service.PAYMENT)) {
            assertTrue(total(s, "kobatela_outbox_backlog") >= 0, s.id() + " exports its outbox backlog");
        }
    }
}
