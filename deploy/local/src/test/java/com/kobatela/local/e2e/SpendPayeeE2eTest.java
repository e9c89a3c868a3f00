package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Allowed payees and the usage-spend refusals that do not need payment-service, through the gateway (spec
 * acceptance.md G: AC-054, AC-055, the key part of AC-056 and AC-057 except ESCROW_NOT_ACTIVE). The escrow comes from
 * escrow-service and reaches spend-service through escrow events. The settled flow (AC-053, AC-056 replays) needs
 * payment-service's usage payouts and is tested once that branch is merged.
 */
class SpendPayeeE2eTest extends SpendE2eSupport {

    private static long fundedEscrow(E2eHttp sender, long client, long provider, String deposit) {
        Map<String, Object> body = Map.of("client_id", client, "provider_id", provider, "amount_total", deposit, "currency", "USD",
                "release_conditions", Map.of("delivery", "confirmed"), "deadline_at", "2030-01-01T00:00:00Z");
        E2eHttp.Result created = Poll.poll(EVENTUALLY, () -> sender.postJson("/escrows", body), r -> r.status() != 404);
        assertEquals(201, created.status(), created.body());
        long id = created.json().path("id").asLong();
        E2eHttp.Result dep = sender.postJson("/escrows/" + id + "/deposit", Map.of("amount", deposit), "Idempotency-Key", "d-" + suffix());
        assertEquals(200, dep.status(), dep.body());
        return id;
    }

    private static Map<String, Object> payee(long escrowId, String ref, Object daily, Object total) {
        Map<String, Object> b = new HashMap<>();
        b.put("escrow_id", escrowId);
        b.put("payee_ref", ref);
        b.put("label", "Trusted Clinic");
        b.put("daily_limit", daily);
        b.put("total_limit", total);
        return b;
    }

    /** POST /spend/allowed (ADMIN), retried while the escrow has not reached spend-service yet. */
    private static E2eHttp.Result addPayee(Map<String, Object> body) {
        return Poll.poll(EVENTUALLY, () -> admin().postJson("/spend/allowed", body),
                r -> !(r.status() == 404 && "ESCROW_NOT_FOUND".equals(code(r))));
    }

    private static Map<String, Object> spend(long escrowId, String ref, Object amount) {
        Map<String, Object> b = new HashMap<>();
        b.put("escrow_id", escrowId);
        b.put("payee_ref", ref);
        b.put("amount", amount);
        return b;
    }

    @Test
    void ac054SenderCannotAddPayeesDuplicatesAndUnknownEscrows() {
        long client = user("client");
        String senderKey = key("sender", client);
        E2eHttp sender = as(senderKey);
        long e = fundedEscrow(sender, client, user("provider"), "300.00");
        assertError(403, "INSUFFICIENT_SCOPE", sender.postJson("/spend/allowed", payee(e, "IBAN-XYZ-001", 120.0, 400.0)));
        E2eHttp.Result added = addPayee(payee(e, "IBAN-XYZ-001", 120.0, 400.0));
        assertEquals(201, added.status(), added.body());
        assertEquals("120.00", added.json().path("daily_limit").asText());
        assertEquals("400.00", added.json().path("total_limit").asText());
        assertError(409, "PAYEE_ALREADY_ALLOWED", admin().postJson("/spend/allowed", payee(e, "IBAN-XYZ-001", 120.0, 400.0)));
        assertError(404, "ESCROW_NOT_FOUND", admin().postJson("/spend/allowed", payee(999_999_999L, "IBAN-XYZ-001", null, null)));
        E2eHttp.Result read = admin().get("/spend/allowed/" + added.json().path("id").asLong());
        assertEquals(200, read.status(), read.body());
        assertEquals("0.00", read.json().path("spent_today").asText());
    }

    @Test
    void ac055To057UsageSpendRefusals() {
        long client = user("client");
        String senderKey = key("sender", client);
        E2eHttp sender = as(senderKey);
        E2eHttp stranger = as(key("sender", user("stranger")));
        long e = fundedEscrow(sender, client, user("provider"), "200.00");
        long clinic = addPayee(payee(e, "CLINIC", null, null)).json().path("id").asLong();
        // the deposit follows the creation on the escrow's partition
        Poll.poll(EVENTUALLY, () -> spendCount("select count(*) from escrow_deposit_views where escrow_id = ?", e), n -> n == 1);

        // AC-056: the key comes first, even for an unknown escrow
        assertError(400, "IDEMPOTENCY_KEY_REQUIRED", sender.postJson("/spend", spend(123, "CLINIC", 10)));
        // AC-055: another sender's escrow is not found, and nothing is reserved
        assertError(404, "ESCROW_NOT_FOUND", stranger.postJson("/spend", spend(e, "CLINIC", 10), "Idempotency-Key", "s-" + suffix()));
        assertEquals(0, spendCount("select count(*) from usage_spends where escrow_id = ?", e));
        // AC-057: amount 0, unknown payee (audited), amount above the balance
        assertError(400, "BAD_AMOUNT", sender.postJson("/spend", spend(e, "CLINIC", "0"), "Idempotency-Key", "s-" + suffix()));
        assertError(403, "PAYEE_NOT_ALLOWED", sender.postJson("/spend", spend(e, "NOBODY", 10), "Idempotency-Key", "s-" + suffix()));
        assertEquals(1, spendAudits("action = 'USAGE_PAYEE_FORBIDDEN' and data_json->>'escrow_id' = ? and actor = ?", String.valueOf(e),
                actor(senderKey)));
        assertError(409, "INSUFFICIENT_ESCROW_BALANCE", sender.postJson("/spend", spend(e, "CLINIC", "200.01"), "Idempotency-Key", "s-" + suffix()));
        assertEquals(1, spendAudits("action = 'USAGE_BALANCE_REJECTED' and data_json->>'escrow_id' = ?", String.valueOf(e)));
        assertEquals(0, spendCount("select count(*) from usage_spends where payee_id = ?", clinic));

        // AC-057 daily reset: yesterday's full counter does not block today
        long reset = addPayee(payee(e, "RESET", 50, null)).json().path("id").asLong();
        spendUpdate("update allowed_payees set spent_today = 50, spent_total = 50, last_reset_at = current_date - 1 where id = ?", reset);
        E2eHttp.Result passed = sender.postJson("/spend", spend(e, "RESET", 30), "Idempotency-Key", "s-" + suffix());
        assertEquals(200, passed.status(), passed.body());
        assertTrue(Set.of("SETTLED", "SENT", "PENDING").contains(passed.json().path("status").asText()), passed.body());
        E2eHttp.Result read = admin().get("/spend/allowed/" + reset);
        assertEquals("30.00", read.json().path("spent_today").asText(), read.body());
        assertEquals("80.00", read.json().path("spent_total").asText(), read.body());
    }

    /** AC-053 and the AC-056 replays: usage spends paid through payment-service and the PSP sandbox, limits enforced. */
    @Test
    void ac053UsageSpendsArePaidSettledReplayedAndLimited() {
        long client = user("client");
        E2eHttp sender = as(key("sender", client));
        long e = fundedEscrow(sender, client, user("provider"), "300.00");
        Poll.poll(EVENTUALLY, () -> spendCount("select count(*) from escrow_deposit_views where escrow_id = ?", e), n -> n == 1);
        assertEquals(201, addPayee(payee(e, "IBAN-XYZ-001", 120.0, 400.0)).status());

        E2eHttp.Result first = sender.postJson("/spend", spend(e, "IBAN-XYZ-001", 90.0), "Idempotency-Key", "usage-spend-1");
        assertEquals(200, first.status(), first.body());
        assertEquals("90.00", first.json().path("amount").asText());
        long spendId = first.json().path("spend_id").asLong();
        // the answer may come before payment-service's: a replay follows the same spend until it is settled
        JsonNode settled = Poll.poll(EVENTUALLY, () -> sender.postJson("/spend", spend(e, "IBAN-XYZ-001", 90.0), "Idempotency-Key",
                "usage-spend-1").json(), r -> "SETTLED".equals(r.path("status").asText()));
        assertEquals(spendId, settled.path("spend_id").asLong());
        long paymentId = settled.path("payment_id").asLong();
        assertEquals("SETTLED", sender.get("/payments/" + paymentId).json().path("status").asText());
        E2eHttp.Result replay = sender.postJson("/spend", spend(e, "IBAN-XYZ-001", 90.0), "Idempotency-Key", "usage-spend-1");
        assertEquals(paymentId, replay.json().path("payment_id").asLong(), replay.body());
        assertError(409, "DAILY_LIMIT_REACHED", sender.postJson("/spend", spend(e, "IBAN-XYZ-001", 40.0), "Idempotency-Key", "usage-spend-2"));

        assertEquals(201, addPayee(payee(e, "IBAN-XYZ-002", 500, 150)).status());
        E2eHttp.Result hundred = sender.postJson("/spend", spend(e, "IBAN-XYZ-002", 100.0), "Idempotency-Key", "usage-spend-3");
        assertEquals(200, hundred.status(), hundred.body());
        assertError(409, "TOTAL_LIMIT_REACHED", sender.postJson("/spend", spend(e, "IBAN-XYZ-002", 60.0), "Idempotency-Key", "usage-spend-4"));
        // the escrow's timeline records each spend once, and payment-service's ledger is debited by both
        Poll.poll(EVENTUALLY, () -> sender.get("/escrows/" + e + "/balance").json(), b -> "190.00".equals(b.path("debited").asText()));
        Poll.poll(EVENTUALLY, () -> sender.get("/escrows/" + e + "/events").json(), ev -> {
            int n = 0;
            for (JsonNode x : ev) {
                n += "USAGE_SPEND".equals(x.path("kind").asText()) ? 1 : 0;
            }
            return n == 2;
        });
    }

    /** A payout the PSP refuses gives the reserved limits back (compensation); the key is then spent. */
    @Test
    void aRefusedPayoutReleasesTheReservation() {
        PaymentSandbox psp = new PaymentSandbox(stack());
        long client = user("client");
        E2eHttp sender = as(key("sender", client));
        long e = fundedEscrow(sender, client, user("provider"), "100.00");
        Poll.poll(EVENTUALLY, () -> spendCount("select count(*) from escrow_deposit_views where escrow_id = ?", e), n -> n == 1);
        long payee = addPayee(payee(e, "REFUSED-1", 50, 80)).json().path("id").asLong();
        psp.mode("reject", 0);
        try {
            E2eHttp.Result r = Poll.poll(EVENTUALLY, () -> sender.postJson("/spend", spend(e, "REFUSED-1", 40), "Idempotency-Key", "refused-1"),
                    x -> x.status() != 200);
            assertEquals(409, r.status(), r.body());
            assertTrue(Set.of("PAYOUT_FAILED", "PAYOUT_REJECTED").contains(code(r)), r.body());
        } finally {
            psp.mode("ok", 0);
        }
        JsonNode counters = Poll.poll(EVENTUALLY, () -> admin().get("/spend/allowed/" + payee).json(),
                x -> "0.00".equals(x.path("spent_total").asText()));
        assertEquals("0.00", counters.path("spent_today").asText(), counters.toString());
        // the limits are whole again: a spend of the full daily limit passes once the PSP accepts
        E2eHttp.Result again = sender.postJson("/spend", spend(e, "REFUSED-1", 50), "Idempotency-Key", "refused-2");
        assertEquals(200, again.status(), again.body());
    }
}
