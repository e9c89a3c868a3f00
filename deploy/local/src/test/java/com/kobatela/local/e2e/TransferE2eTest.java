package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Restricted transfers and alerts through the gateway (spec acceptance.md H, AC-058 to AC-062): allowlist and
 * certification audited, transaction refusal with a kept alert, idempotency, certified receivers, reads audited once.
 */
class TransferE2eTest extends SpendE2eSupport {

    private static Map<String, Object> transfer(long sender, long receiver, Object amount, String currency) {
        Map<String, Object> b = new HashMap<>();
        b.put("sender_id", sender);
        b.put("receiver_id", receiver);
        b.put("amount", amount);
        b.put("currency", currency);
        return b;
    }

    @Test
    void ac058AllowlistIsAudited() {
        long owner = user("owner");
        long recipient = user("recipient");
        E2eHttp.Result added = once(admin(), "/allowlist", Map.of("owner_id", owner, "recipient_id", recipient));
        assertEquals(201, added.status(), added.body());
        assertEquals("added", added.json().path("status").asText());
        assertEquals(1, spendAudits("action = 'ALLOWLIST_ADD' and entity = 'AllowedRecipient' and data_json->>'owner_id' = ? "
                + "and data_json->>'recipient_id' = ? and actor = ?", String.valueOf(owner), String.valueOf(recipient), actor(stack().adminKey())));
        E2eHttp.Result exists = admin().postJson("/allowlist", Map.of("owner_id", owner, "recipient_id", recipient));
        assertEquals(201, exists.status(), exists.body());
        assertEquals("exists", exists.json().path("status").asText());
        assertEquals(1, spendAudits("action = 'ALLOWLIST_EXISTS' and data_json->>'owner_id' = ?", String.valueOf(owner)));
    }

    @Test
    void ac059CertificationIsAudited() {
        long u = user("certified");
        E2eHttp.Result created = once(admin(), "/certified", Map.of("user_id", u, "level", "gold"));
        assertEquals(201, created.status(), created.body());
        assertEquals("created", created.json().path("status").asText());
        assertEquals(1, spendAudits("action = 'CERTIFICATION_UPDATE' and entity = 'CertifiedAccount' and data_json->>'account_id' = ? "
                + "and data_json->>'level' = 'GOLD'", String.valueOf(u)));
        E2eHttp.Result updated = admin().postJson("/certified", Map.of("user_id", u, "level", "BASIC"));
        assertEquals(201, updated.status(), updated.body());
        assertEquals("updated", updated.json().path("status").asText());
        assertError(422, "VALIDATION_ERROR", admin().postJson("/certified", Map.of("user_id", u, "level", "PLATINUM")));
    }

    @Test
    void ac060TransactionAuthorisationAlertAndIdempotency() {
        long alice = user("alice");
        long bob = user("bob");
        E2eHttp.Result refused = once(admin(), "/transactions", transfer(alice, bob, 100.0, "USD"), "Idempotency-Key", "x-" + suffix());
        assertError(403, "UNAUTHORIZED_TRANSFER", refused);
        E2eHttp.Result alerts = admin().get("/alerts?type=UNAUTHORIZED_TRANSFER_ATTEMPT&limit=500");
        assertEquals(200, alerts.status(), alerts.body());
        int mine = 0;
        for (JsonNode a : alerts.json()) {
            if (a.path("actor_user_id").asLong() == alice) {
                mine++;
                assertEquals(bob, a.path("payload_json").path("attempted_receiver_id").asLong());
                assertEquals("100.00", a.path("payload_json").path("amount").asText());
            }
        }
        assertEquals(1, mine, alerts.body());

        assertEquals(201, admin().postJson("/allowlist", Map.of("owner_id", alice, "recipient_id", bob)).status());
        String k = "k-" + suffix();
        E2eHttp.Result created = admin().postJson("/transactions", transfer(alice, bob, 100.0, "USD"), "Idempotency-Key", k);
        assertEquals(201, created.status(), created.body());
        assertEquals("COMPLETED", created.json().path("status").asText());
        E2eHttp.Result replay = admin().postJson("/transactions", transfer(alice, bob, 100.0, "USD"), "Idempotency-Key", k);
        assertEquals(201, replay.status(), replay.body());
        long id = created.json().path("id").asLong();
        assertEquals(id, replay.json().path("id").asLong());
        assertEquals(200, admin().get("/transactions/" + id).status());
        assertError(400, "IDEMPOTENCY_KEY_REQUIRED", admin().postJson("/transactions", transfer(alice, bob, 100.0, "USD")));
    }

    @Test
    void ac061CertifiedReceiver() {
        long carol = user("carol");
        long dave = user("dave");
        assertEquals(201, once(admin(), "/certified", Map.of("user_id", dave, "level", "gold")).status());
        E2eHttp.Result t = once(admin(), "/transactions", transfer(carol, dave, 250.0, "EUR"), "Idempotency-Key", "c-" + suffix());
        assertEquals(201, t.status(), t.body());
        assertEquals("COMPLETED", t.json().path("status").asText());
        assertEquals("EUR", t.json().path("currency").asText());
    }

    @Test
    void ac062TransactionReadAudited() {
        long a = user("a");
        long b = user("b");
        assertEquals(201, once(admin(), "/certified", Map.of("user_id", b, "level", "BASIC")).status());
        E2eHttp.Result t = once(admin(), "/transactions", transfer(a, b, 10, "USD"), "Idempotency-Key", "r-" + suffix());
        assertEquals(201, t.status(), t.body());
        long id = t.json().path("id").asLong();
        assertEquals(200, admin().get("/transactions/" + id).status());
        assertEquals(1, spendAudits("action = 'TRANSACTION_READ' and entity_id = ?", id));
        assertError(404, "TRANSACTION_NOT_FOUND", admin().get("/transactions/999999"));
    }
}
