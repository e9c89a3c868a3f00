package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.support;
import static com.kobatela.spend.SpendFixtures.as;
import static com.kobatela.spend.SpendFixtures.concurrently;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.users;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Restricted transfers and alerts on a real PostgreSQL and Kafka (spec api.md#5, rules.md#transfers, #audit; acceptance
 * AC-058 to AC-062): allowlist and certification with their audits, transactions (refusal with a kept alert,
 * idempotency, concurrent duplicates), reads audited once, alerts filtered and paginated.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class TransferResourceTest {

    private static Map<String, Object> transfer(long sender, long receiver, Object amount, String currency) {
        Map<String, Object> b = new java.util.HashMap<>();
        b.put("sender_id", sender);
        b.put("receiver_id", receiver);
        b.put("amount", amount);
        b.put("currency", currency);
        return b;
    }

    @Test
    void allowlistAndCertificationAreAudited() {
        long[] u = users(3);
        post(admin(), "/allowlist", Map.of("owner_id", u[0], "recipient_id", u[1], "category_id", 7)).then().statusCode(201)
                .body("status", equalTo("added"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'ALLOWLIST_ADD' and entity = 'AllowedRecipient' "
                + "and actor = 'apikey:koba_000384' and data_json->>'owner_id' = ? and data_json->>'recipient_id' = ? "
                + "and data_json->'category_id' = 'null'::jsonb", String.valueOf(u[0]), String.valueOf(u[1])));
        post(admin(), "/allowlist", Map.of("owner_id", u[0], "recipient_id", u[1])).then().statusCode(201).body("status", equalTo("exists"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'ALLOWLIST_EXISTS' and data_json->>'owner_id' = ?",
                String.valueOf(u[0])));
        post(admin(), "/allowlist", Map.of("owner_id", u[0], "recipient_id", 99_999_999)).then().statusCode(404)
                .body("error.code", equalTo("USER_NOT_FOUND"));
        post(admin(), "/allowlist", Map.of("owner_id", u[0])).then().statusCode(422).body("error.field", equalTo("recipient_id"));

        post(admin(), "/certified", Map.of("user_id", u[2], "level", "gold")).then().statusCode(201).body("status", equalTo("created"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'CERTIFICATION_UPDATE' and entity = 'CertifiedAccount' "
                + "and data_json->>'account_id' = ? and data_json->>'level' = 'GOLD'", String.valueOf(u[2])));
        post(admin(), "/certified", Map.of("user_id", u[2], "level", "BASIC")).then().statusCode(201).body("status", equalTo("updated"));
        assertEquals("BASIC", TestDb.query("select level from certified_accounts where user_id = ?", u[2]).get(0).get("level"));
        assertEquals(2, TestDb.count("select count(*) from audit_logs where action = 'CERTIFICATION_UPDATE' and data_json->>'account_id' = ?",
                String.valueOf(u[2])));
        post(admin(), "/certified", Map.of("user_id", u[2], "level", "PLATINUM")).then().statusCode(422).body("error.field", equalTo("level"));
        post(admin(), "/certified", Map.of("user_id", 99_999_999, "level", "GOLD")).then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"));

        // admin only
        post(support(), "/allowlist", Map.of("owner_id", u[0], "recipient_id", u[1])).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        post(support(), "/certified", Map.of("user_id", u[2], "level", "GOLD")).then().statusCode(403);
    }

    @Test
    void transactionAuthorisationAlertAndIdempotency() {
        long[] u = users(4);
        long alice = u[0];
        long bob = u[1];
        String k = "tx-" + UUID.randomUUID();

        post(admin(), "/transactions", k, transfer(alice, bob, 100.0, "USD")).then().statusCode(403)
                .body("error.code", equalTo("UNAUTHORIZED_TRANSFER")).body("error.message", equalTo("Receiver is not allowlisted or certified."));
        as(support()).queryParam("type", "UNAUTHORIZED_TRANSFER_ATTEMPT").get("/alerts").then().statusCode(200);
        List<Map<String, Object>> alerts = as(admin()).queryParam("type", "UNAUTHORIZED_TRANSFER_ATTEMPT").queryParam("limit", 500)
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("findAll { it.actor_user_id == " + alice + " }");
        assertEquals(1, alerts.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) alerts.get(0).get("payload_json");
        assertEquals(bob, ((Number) payload.get("attempted_receiver_id")).longValue());
        assertEquals("100.00", payload.get("amount"));
        assertEquals("Receiver is not allowlisted or certified.", alerts.get(0).get("message"));
        assertEquals(0, TestDb.count("select count(*) from transactions where sender_id = ?", alice));

        // the refused key left nothing behind: once allowlisted, the same key works
        post(admin(), "/allowlist", Map.of("owner_id", alice, "recipient_id", bob)).then().statusCode(201);
        Response created = post(admin(), "/transactions", k, transfer(alice, bob, 100.0, "USD"));
        created.then().statusCode(201).body("status", equalTo("COMPLETED")).body("amount", equalTo("100.00"))
                .body("sender_id", equalTo((int) alice)).body("receiver_id", equalTo((int) bob)).body("currency", equalTo("USD"));
        long id = created.jsonPath().getLong("id");
        post(admin(), "/transactions", k, transfer(alice, bob, "100.00", "USD")).then().statusCode(201).body("id", equalTo((int) id));
        post(admin(), "/transactions", k, transfer(alice, bob, 99, "USD")).then().statusCode(409).body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        assertEquals(1, TestDb.count("select count(*) from transactions where idempotency_key = ?", k));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'CREATE_TRANSACTION' and entity = 'Transaction' "
                + "and entity_id = ? and actor = 'apikey:koba_000384' and data_json->>'amount' = '100.00'", id));

        // read: audited once per read; unknown id
        as(admin()).get("/transactions/" + id).then().statusCode(200).body("id", equalTo((int) id)).body("status", equalTo("COMPLETED"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'TRANSACTION_READ' and entity_id = ? "
                + "and data_json->>'transaction_id' = ?", id, String.valueOf(id)));
        as(admin()).get("/transactions/999999999").then().statusCode(404).body("error.code", equalTo("TRANSACTION_NOT_FOUND"))
                .body("error.message", equalTo("Transaction not found."));

        // certified receiver (any level), EUR
        post(admin(), "/certified", Map.of("user_id", u[3], "level", "gold")).then().statusCode(201);
        post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(u[2], u[3], 250.0, "EUR")).then().statusCode(201)
                .body("status", equalTo("COMPLETED")).body("currency", equalTo("EUR"));

        // key, validation, users, scopes
        as(admin()).body(transfer(alice, bob, 1, "USD")).post("/transactions").then().statusCode(400)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        post(admin(), "/transactions", "  ", transfer(alice, bob, 1, "USD")).then().statusCode(400);
        post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(alice, bob, 0, "USD")).then().statusCode(422).body("error.field", equalTo("amount"));
        post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(alice, bob, 1, "GBP")).then().statusCode(422).body("error.field", equalTo("currency"));
        post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(alice, 99_999_999, 1, "USD")).then().statusCode(404)
                .body("error.code", equalTo("USER_NOT_FOUND"));
        post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(99_999_999, bob, 1, "USD")).then().statusCode(404);
        post(TestTokens.sender(81, alice), "/transactions", "tx-" + UUID.randomUUID(), transfer(alice, bob, 1, "USD")).then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        as(support()).get("/transactions/" + id).then().statusCode(403);
    }

    @Test
    void sameKeyConcurrentlyHasOneEffect() throws Exception {
        long[] u = users(2);
        post(admin(), "/certified", Map.of("user_id", u[1], "level", "BASIC")).then().statusCode(201);
        String k = "tx-" + UUID.randomUUID();
        List<Response> answers = concurrently(10, i -> post(admin(), "/transactions", k, transfer(u[0], u[1], "12.50", "EUR")));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 201
                || "IDEMPOTENCY_KEY_IN_PROGRESS".equals(r.jsonPath().getString("error.code"))), answers.toString());
        assertEquals(1, answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.jsonPath().getLong("id")).distinct().count());
        assertEquals(1, TestDb.count("select count(*) from transactions where idempotency_key = ?", k));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'CREATE_TRANSACTION' and data_json->>'sender_id' = ?",
                String.valueOf(u[0])));
    }

    @Test
    void alertsNewestFirstFilteredAndPaginated() {
        long[] u = users(2);
        for (int i = 1; i <= 3; i++) {
            post(admin(), "/transactions", "tx-" + UUID.randomUUID(), transfer(u[0], u[1], i, "USD")).then().statusCode(403);
        }
        List<Map<String, Object>> mine = as(support()).queryParam("type", "UNAUTHORIZED_TRANSFER_ATTEMPT").queryParam("limit", 500).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.actor_user_id == " + u[0] + " }");
        assertEquals(List.of("3.00", "2.00", "1.00"), mine.stream().map(a -> ((Map<?, ?>) a.get("payload_json")).get("amount")).toList());
        as(support()).queryParam("limit", 1).get("/alerts").then().statusCode(200).body("$", hasSize(1));
        as(support()).queryParam("type", "NO_SUCH_TYPE").get("/alerts").then().statusCode(200).body("$", hasSize(0));
        long newest = as(support()).queryParam("limit", 1).get("/alerts").then().extract().jsonPath().getLong("[0].id");
        long second = as(support()).queryParam("limit", 1).queryParam("offset", 1).get("/alerts").then().extract().jsonPath().getLong("[0].id");
        assertTrue(second < newest);
        as(support()).queryParam("limit", 0).get("/alerts").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        as(support()).queryParam("limit", 501).get("/alerts").then().statusCode(422);
        as(support()).queryParam("offset", -1).get("/alerts").then().statusCode(422);
        as(TestTokens.sender(82, u[0])).get("/alerts").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }
}
