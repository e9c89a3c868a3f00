package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first money flow of issue 3, through the gateway only, as a partner would: users and a sender key,
 * an escrow, deposits with the same Idempotency-Key (sequential and 10 concurrent: one deposit each), a
 * foreign sender refused, and the deposit reaching payment-service's balance ledger through Kafka.
 */
class FirstMoneyFlowTest extends E2eTestBase {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private static String senderKey(long userId) {
        E2eHttp.Result r = admin().postJson("/apikeys", Map.of("name", "partner", "scope", "sender", "user_id", userId));
        assertEquals(201, r.status(), r.body());
        return r.json().path("key").asText();
    }

    private static long escrow(E2eHttp sender, long client, long provider) {
        Map<String, Object> body = Map.of("client_id", client, "provider_id", provider, "amount_total", "500.00",
                "currency", "USD", "release_conditions", Map.of("delivery", "confirmed"), "deadline_at", "2030-01-01T00:00:00Z");
        // users reach escrow-service through Kafka: retry until its replica knows them
        E2eHttp.Result created = Poll.poll(EVENTUALLY, () -> sender.postJson("/escrows", body), r -> r.status() != 404);
        assertEquals(201, created.status(), created.body());
        assertEquals("DRAFT", created.json().path("status").asText());
        assertEquals("500.00", created.json().path("amount_total").asText());
        return created.json().path("id").asLong();
    }

    private static long deposits(E2eHttp sender, long escrowId) {
        E2eHttp.Result events = sender.get("/escrows/" + escrowId + "/events");
        assertEquals(200, events.status(), events.body());
        long n = 0;
        for (JsonNode e : events.json()) {
            if ("DEPOSIT".equals(e.path("kind").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void depositReachesTheLedgerOnceWhateverTheRetries() throws Exception {
        long client = user("client");
        long provider = user("provider");
        long stranger = user("stranger");
        E2eHttp sender = gateway().withApiKey(senderKey(client));
        E2eHttp otherSender = gateway().withApiKey(senderKey(stranger));

        long escrowId = escrow(sender, client, provider);
        String deposit = "/escrows/" + escrowId + "/deposit";

        // no key → 400; the same key twice → one deposit
        E2eHttp.Result noKey = sender.postJson(deposit, Map.of("amount", "200.00"));
        assertEquals(400, noKey.status(), noKey.body());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.json().path("error").path("code").asText());
        E2eHttp.Result first = sender.postJson(deposit, Map.of("amount", "200.00"), "Idempotency-Key", "dep-1");
        E2eHttp.Result again = sender.postJson(deposit, Map.of("amount", "200.00"), "Idempotency-Key", "dep-1");
        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals("DRAFT", again.json().path("status").asText());
        assertEquals(1, deposits(sender, escrowId));

        // 10 concurrent requests sharing a key → one deposit, everyone sees 200
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<E2eHttp.Result>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> sender.postJson(deposit, Map.of("amount", 300), "Idempotency-Key", "dep-2"));
            }
            for (Future<E2eHttp.Result> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get().status(), f.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, deposits(sender, escrowId));
        E2eHttp.Result read = sender.get("/escrows/" + escrowId, "X-Request-Id", "e2e-read-1");
        assertEquals(200, read.status());
        assertEquals("FUNDED", read.json().path("status").asText());
        assertEquals("e2e-read-1", read.header("X-Request-Id"));

        // another sender does not see it
        E2eHttp.Result foreign = otherSender.get("/escrows/" + escrowId);
        assertEquals(404, foreign.status(), foreign.body());
        assertEquals("ESCROW_NOT_FOUND", foreign.json().path("error").path("code").asText());
        assertEquals(404, otherSender.postJson(deposit, Map.of("amount", "1.00"), "Idempotency-Key", "x").status());

        // the deposits reach payment-service's ledger through Kafka, once each
        JsonNode balance = Poll.poll(EVENTUALLY, () -> {
            E2eHttp.Result r = sender.get("/escrows/" + escrowId + "/balance");
            return r.status() == 200 ? r.json() : null;
        }, b -> "500.00".equals(b.path("deposited").asText()));
        assertEquals("USD", balance.path("currency").asText());
        assertEquals("500.00", balance.path("available").asText());
        assertEquals(404, otherSender.get("/escrows/" + escrowId + "/balance").status());
    }

    @Test
    void authenticationAndHealth() {
        E2eHttp.Result noKey = gateway().get("/escrows/1");
        assertEquals(401, noKey.status());
        assertEquals("NO_API_KEY", noKey.json().path("error").path("code").asText());
        assertNotNull(noKey.header("X-Request-Id"));
        E2eHttp.Result unknown = gateway().withApiKey("koba_000000.nope").get("/escrows/1");
        assertEquals(401, unknown.status());
        assertEquals("UNAUTHORIZED", unknown.json().path("error").path("code").asText());
        E2eHttp.Result health = gateway().get("/health");
        assertEquals(200, health.status());
        assertTrue(health.json().has("status"), health.body());
    }
}
