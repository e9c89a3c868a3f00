package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;
import static com.kobatela.escrow.TestData.escrowBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code POST /escrows} and {@code GET /escrows/{id}}: AC-014 (creation part), AC-015, AC-019, AC-020, AC-073. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class EscrowCreateTest {

    @Test
    void createsDraftEscrowWithMoneyStringsAndDefaults() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        long key = TestData.nextId();
        int id = as(TestTokens.sender(key, client)).body(escrowBody(client, provider, "500"))
                .post("/escrows").then().statusCode(201)
                .body("id", notNullValue())
                .body("status", equalTo("DRAFT"))
                .body("amount_total", equalTo("500.00"))
                .body("currency", equalTo("USD"))
                .body("domain", equalTo("private"))
                .body("client_id", equalTo((int) client))
                .body("provider_id", equalTo((int) provider))
                .body("release_conditions_json.kind", equalTo("delivery"))
                .body("deadline_at", equalTo("2030-01-01T00:00:00Z"))
                .extract().path("id");
        String prefix = String.format("koba_%06x", key);
        var audit = TestData.query("select actor, action, data_json->>'amount_total', data_json->>'status', api_key_id "
                + "from audit_logs where entity = 'EscrowAgreement' and entity_id = ?", (long) id);
        assertEquals(1, audit.size());
        assertEquals(java.util.List.of("apikey:" + prefix, "ESCROW_CREATED", "500.00", "DRAFT", String.valueOf(key)), audit.get(0));
        assertEquals("object", TestData.query("select jsonb_typeof(release_conditions_json) from escrow_agreements where id = ?",
                (long) id).get(0).get(0));
    }

    @Test
    void amountIsRoundedHalfUpAndOffsetDeadlineIsConvertedToUtc() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        as(TestTokens.sender(TestData.nextId(), client))
                .body("{\"client_id\": " + client + ", \"provider_id\": " + provider + ", \"amount_total\": \"33.335\", \"currency\": \"EUR\","
                        + " \"release_conditions\": {}, \"deadline_at\": \"2030-01-01T02:00:00+02:00\"}")
                .post("/escrows").then().statusCode(201)
                .body("amount_total", equalTo("33.34"))
                .body("deadline_at", equalTo("2030-01-01T00:00:00Z"));
    }

    @Test
    void validationErrors() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String token = TestTokens.sender(TestData.nextId(), client);
        as(token).body(escrowBody(client, provider, "100").replace("\"USD\"", "\"GBP\""))
                .post("/escrows").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("currency"));
        as(token).body(escrowBody(client, provider, "0")).post("/escrows").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("amount_total"));
        as(token).body(escrowBody(client, provider, "0.004")).post("/escrows").then().statusCode(422)
                .body("error.field", equalTo("amount_total"));
        as(token).body(escrowBody(client, provider, "100").replace("{\"client_id\"", "{\"surprise\": 1, \"client_id\""))
                .post("/escrows").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("surprise"));
        as(token).body("{\"client_id\": ").post("/escrows").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        as(token).body(escrowBody(client, provider, "100").replace("{\"kind\": \"delivery\"}", "[1]"))
                .post("/escrows").then().statusCode(422).body("error.field", equalTo("release_conditions"));
        as(token).body(escrowBody(client, provider, "100").replace("2030-01-01T00:00:00", "tomorrow"))
                .post("/escrows").then().statusCode(422).body("error.field", equalTo("deadline_at"));
        as(token).body(escrowBody(client, provider, "true")).post("/escrows").then().statusCode(422)
                .body("error.field", equalTo("amount_total"));
    }

    @Test
    void unknownUsersAnswer404() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String token = TestTokens.sender(TestData.nextId(), client);
        as(token).body(escrowBody(987_654_321L, provider, "100")).post("/escrows").then().statusCode(404)
                .body("error.code", equalTo("USER_NOT_FOUND")).body("error.field", equalTo("client_id"));
        as(token).body(escrowBody(client, 987_654_321L, "100")).post("/escrows").then().statusCode(404)
                .body("error.code", equalTo("USER_NOT_FOUND")).body("error.field", equalTo("provider_id"));
    }

    @Test
    void publicDomainRequiresGovOrOng() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        long gov = TestData.user("GOV");
        String publicBody = escrowBody(client, provider, "100").replace("}", "}").replaceFirst("\\}$", ", \"domain\": \"public\"}");
        as(TestTokens.sender(TestData.nextId(), client)).body(publicBody).post("/escrows").then().statusCode(403)
                .body("error.code", equalTo("PUBLIC_DOMAIN_FORBIDDEN"))
                .body("error.message", equalTo("Only GOV/ONG users can create public/aid escrows."));
        String govToken = io.smallrye.jwt.build.Jwt.issuer("kobatela-gateway").audience("kobatela-internal")
                .subject("user:" + gov).groups(java.util.Set.of("sender")).claim("scope", "sender")
                .claim("api_key_id", TestData.nextId()).claim("prefix", "koba_gov001").claim("user_id", gov)
                .claim("public_tag", "GOV").expiresIn(60).sign(com.kobatela.testsupport.JwtTestKeys.privateKey());
        as(govToken).body(publicBody.replace("\"public\"", "\"aid\"")).post("/escrows").then().statusCode(201)
                .body("domain", equalTo("aid"));
        as(govToken).body(publicBody.replace("\"public\"", "\"secret\"")).post("/escrows").then().statusCode(422)
                .body("error.field", equalTo("domain"));
    }

    @Test
    void optionalIdempotencyKeyReplaysTheSameEscrow() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String token = TestTokens.sender(TestData.nextId(), client);
        int first = as(token).header("Idempotency-Key", "create-1").body(escrowBody(client, provider, "10"))
                .post("/escrows").then().statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", " create-1 ").body(escrowBody(client, provider, "10.00"))
                .post("/escrows").then().statusCode(201).body("id", equalTo(first)).body("amount_total", equalTo("10.00"));
        as(token).header("Idempotency-Key", "create-1").body(escrowBody(client, provider, "11"))
                .post("/escrows").then().statusCode(409).body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        assertEquals(1, TestData.queryLong("select count(*) from escrow_agreements where idempotency_key = 'create-1' and client_id = ?", client));
        assertEquals(1, TestData.queryLong("select count(*) from audit_logs where action = 'ESCROW_CREATED' and entity_id = ?", (long) first));
    }

    @Test
    void concurrentCreationsWithOneKeyMakeOneEscrow() throws Exception {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String token = TestTokens.sender(TestData.nextId(), client);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            java.util.List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(() -> as(token).header("Idempotency-Key", "create-race").body(escrowBody(client, provider, "10"))
                        .post("/escrows").then().statusCode(201).extract().path("id"));
            }
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            for (var f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestData.queryLong("select count(*) from escrow_agreements where client_id = ?", client));
    }

    @Test
    void readIsOwnedAndAuditedOnce() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String owner = TestTokens.sender(TestData.nextId(), client);
        int id = as(owner).body(escrowBody(client, provider, "100")).post("/escrows").then().statusCode(201).extract().path("id");

        as(owner).get("/escrows/" + id).then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("DRAFT"));
        assertEquals(1, TestData.queryLong("select count(*) from audit_logs where action = 'ESCROW_READ' and entity_id = ?", (long) id));

        as(TestTokens.sender(TestData.nextId(), provider)).get("/escrows/" + id).then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND")).body("error.message", equalTo("Escrow not found."));
        as(TestTokens.support(TestData.nextId())).get("/escrows/" + id).then().statusCode(200).body("id", equalTo(id));
        as(TestTokens.admin(TestData.nextId())).get("/escrows/" + id).then().statusCode(200);
        as(owner).get("/escrows/999999999").then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        assertEquals(3, TestData.queryLong("select count(*) from audit_logs where action = 'ESCROW_READ' and entity_id = ?", (long) id));
    }

    @Test
    void sameUserThroughAnotherKeyOwnsTheEscrow() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        int id = as(TestTokens.sender(TestData.nextId(), client)).body(escrowBody(client, provider, "100"))
                .post("/escrows").then().statusCode(201).extract().path("id");
        as(TestTokens.sender(TestData.nextId(), client)).get("/escrows/" + id).then().statusCode(200);
    }

    @Test
    void supportMayNotCreate() {
        long client = TestData.user("private");
        as(TestTokens.support(TestData.nextId())).body(escrowBody(client, client, "100")).post("/escrows").then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }
}
