package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;
import static com.kobatela.escrow.TestData.escrowBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code POST /escrows/{id}/deposit} and {@code GET /escrows/{id}/events}: AC-014, AC-021..AC-025, AC-073. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class DepositTest {

    private record Party(long apiKeyId, long client, long provider, String token) {
        String prefix() {
            return String.format("koba_%06x", apiKeyId);
        }
    }

    private static Party party() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        long key = TestData.nextId();
        return new Party(key, client, provider, TestTokens.sender(key, client));
    }

    private static int escrow(Party p, String total) {
        return as(p.token()).body(escrowBody(p.client(), p.provider(), total)).post("/escrows").then().statusCode(201).extract().path("id");
    }

    private static String amount(Object a) {
        return "{\"amount\": " + a + "}";
    }

    @Test
    void fullDepositFundsAndReplayCreatesNothing() {
        Party p = party();
        int id = escrow(p, "500.00");
        as(p.token()).header("Idempotency-Key", "deposit-key").body(amount("500.0")).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("FUNDED")).body("amount_total", equalTo("500.00"));
        as(p.token()).header("Idempotency-Key", "deposit-key").body(amount("500.0")).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("FUNDED"));
        assertEquals(1, TestData.queryLong("select count(*) from escrow_deposits where escrow_id = ?", (long) id));
        var audits = TestData.query("select actor, data_json->>'amount', data_json->>'status', data_json->>'idempotency_key' "
                + "from audit_logs where action = 'ESCROW_DEPOSITED' and entity_id = ?", (long) id);
        assertEquals(List.of(List.of("apikey:" + p.prefix(), "500.00", "FUNDED", "deposit-key")), audits);
        var actions = TestData.query("select action from audit_logs where entity = 'EscrowAgreement' and entity_id = ? order by id", (long) id);
        assertEquals(List.of(List.of("ESCROW_CREATED"), List.of("ESCROW_DEPOSITED")), actions);
        as(p.token()).get("/escrows/" + id + "/events").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].kind", equalTo("DEPOSIT"))
                .body("[0].data_json.amount", equalTo("500.00"))
                .body("[0].data_json.idempotency_key", equalTo("deposit-key"));
    }

    @Test
    void partialDepositsStayDraftUntilCovered() {
        Party p = party();
        int id = escrow(p, "100");
        as(p.token()).header("Idempotency-Key", "escrow-deposit-test").body(amount(50)).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("DRAFT"));
        as(p.token()).header("Idempotency-Key", "escrow-deposit-test").body(amount(50)).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("DRAFT"));
        as(p.token()).get("/escrows/" + id + "/events").then().statusCode(200).body("$", hasSize(1))
                .body("[0].data_json.idempotency_key", equalTo("escrow-deposit-test"));
        as(p.token()).header("Idempotency-Key", "second").body(amount("\"50.004\"")).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("FUNDED"));
        as(p.token()).header("Idempotency-Key", "third").body(amount(1)).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("FUNDED"));
        as(TestTokens.support(TestData.nextId())).get("/escrows/" + id + "/events").then().statusCode(200)
                .body("kind", equalTo(List.of("DEPOSIT", "DEPOSIT", "DEPOSIT")))
                .body("data_json.amount", equalTo(List.of("50.00", "50.00", "1.00")));
    }

    @Test
    void keyIsRequiredAndNotBlank() {
        Party p = party();
        int id = escrow(p, "100");
        as(p.token()).body(amount(100)).post("/escrows/" + id + "/deposit").then().statusCode(400)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"))
                .body("error.message", equalTo("Header 'Idempotency-Key' is required for POST /escrows/" + id + "/deposit."));
        as(p.token()).header("Idempotency-Key", "   ").body(amount(100)).post("/escrows/" + id + "/deposit").then().statusCode(400)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        as(p.token()).header("Idempotency-Key", "k".repeat(65)).body(amount(100)).post("/escrows/" + id + "/deposit").then()
                .statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        assertEquals(0, TestData.queryLong("select count(*) from escrow_deposits where escrow_id = ?", (long) id));
    }

    @Test
    void keyReusedWithAnotherRequestConflicts() {
        Party p = party();
        int a = escrow(p, "100");
        int b = escrow(p, "100");
        as(p.token()).header("Idempotency-Key", "shared").body(amount(10)).post("/escrows/" + a + "/deposit").then().statusCode(200);
        as(p.token()).header("Idempotency-Key", "shared").body(amount(20)).post("/escrows/" + b + "/deposit").then().statusCode(409)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        as(p.token()).header("Idempotency-Key", "shared").body(amount(10)).post("/escrows/" + b + "/deposit").then().statusCode(409)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        as(p.token()).get("/escrows/" + b + "/events").then().statusCode(200).body("$", hasSize(0));
        as(p.token()).header("Idempotency-Key", "shared").body(amount(11)).post("/escrows/" + a + "/deposit").then().statusCode(409)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        assertEquals(1, TestData.queryLong("select count(*) from escrow_deposits where escrow_id in (?, ?)", (long) a, (long) b));
    }

    @Test
    void tenConcurrentDuplicatesMakeExactlyOneDeposit() throws Exception {
        Party p = party();
        int id = escrow(p, "100");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> as(p.token()).header("Idempotency-Key", "race").body(amount(100))
                        .post("/escrows/" + id + "/deposit").then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestData.queryLong("select count(*) from escrow_deposits where escrow_id = ?", (long) id));
        assertEquals(1, TestData.queryLong("select count(*) from escrow_events where escrow_id = ? and kind = 'DEPOSIT'", (long) id));
        assertEquals(1, TestData.queryLong("select count(*) from audit_logs where action = 'ESCROW_DEPOSITED' and entity_id = ?", (long) id));
        assertEquals(1, TestData.queryLong("select count(*) from outbox_events where type = 'escrow.deposited.v1' and message_key = ?",
                String.valueOf(id)));
        as(p.token()).get("/escrows/" + id).then().statusCode(200).body("status", equalTo("FUNDED"));
    }

    @Test
    void sameKeyOnTwoEscrowsAtOnceGivesOneDepositAndOneConflict() throws Exception {
        Party p = party();
        int a = escrow(p, "100");
        int b = escrow(p, "100");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> fa = pool.submit(() -> as(p.token()).header("Idempotency-Key", "cross").body(amount(5))
                    .post("/escrows/" + a + "/deposit").then().extract().statusCode());
            Future<Integer> fb = pool.submit(() -> as(p.token()).header("Idempotency-Key", "cross").body(amount(5))
                    .post("/escrows/" + b + "/deposit").then().extract().statusCode());
            List<Integer> codes = new ArrayList<>(List.of(fa.get(), fb.get()));
            codes.sort(null);
            assertEquals(List.of(200, 409), codes);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestData.queryLong("select count(*) from escrow_deposits where escrow_id in (?, ?)", (long) a, (long) b));
    }

    @Test
    void invalidAmountsAndTerminalEscrow() {
        Party p = party();
        int id = escrow(p, "100");
        as(p.token()).header("Idempotency-Key", "neg").body(amount(-1)).post("/escrows/" + id + "/deposit").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("amount"));
        as(p.token()).header("Idempotency-Key", "zero").body(amount("0.001")).post("/escrows/" + id + "/deposit").then().statusCode(422);
        as(p.token()).header("Idempotency-Key", "nan").body(amount("\"abc\"")).post("/escrows/" + id + "/deposit").then().statusCode(422)
                .body("error.field", equalTo("amount"));
        as(p.token()).header("Idempotency-Key", "empty").body("{}").post("/escrows/" + id + "/deposit").then().statusCode(422);
        as(p.token()).header("Idempotency-Key", "unknown").body(amount(1)).post("/escrows/999999999/deposit").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        for (String terminal : List.of("RELEASED", "REFUNDED", "CANCELLED")) {
            TestData.update("update escrow_agreements set status = ? where id = ?", terminal, (long) id);
            as(p.token()).header("Idempotency-Key", "late-" + terminal).body(amount(100)).post("/escrows/" + id + "/deposit")
                    .then().statusCode(409).body("error.code", equalTo("ESCROW_NOT_ACTIVE"));
        }
        as(p.token()).get("/escrows/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(0, TestData.queryLong("select count(*) from escrow_deposits where escrow_id = ?", (long) id));
    }

    @Test
    void replayOnAnEscrowThatBecameTerminalStillAnswersItsState() {
        Party p = party();
        int id = escrow(p, "100");
        as(p.token()).header("Idempotency-Key", "before").body(amount(100)).post("/escrows/" + id + "/deposit").then().statusCode(200);
        TestData.update("update escrow_agreements set status = 'RELEASED' where id = ?", (long) id);
        as(p.token()).header("Idempotency-Key", "before").body(amount(100)).post("/escrows/" + id + "/deposit").then().statusCode(200)
                .body("status", equalTo("RELEASED"));
    }

    @Test
    void foreignEscrowIsNotFoundForSendersButVisibleToSupport() {
        Party owner = party();
        Party other = party();
        int id = escrow(owner, "100");
        as(other.token()).header("Idempotency-Key", "x").body(amount(10)).post("/escrows/" + id + "/deposit").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        as(other.token()).get("/escrows/" + id + "/events").then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        as(TestTokens.support(TestData.nextId())).header("Idempotency-Key", "x").body(amount(10)).post("/escrows/" + id + "/deposit")
                .then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        as(TestTokens.admin(TestData.nextId())).header("Idempotency-Key", "admin-1").body(amount(10)).post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("DRAFT"));
        as(TestTokens.support(TestData.nextId())).get("/escrows/" + id + "/events").then().statusCode(200).body("$", hasSize(1));
        assertTrue(TestData.queryLong("select count(*) from escrow_deposits where escrow_id = ?", (long) id) == 1);
    }
}
