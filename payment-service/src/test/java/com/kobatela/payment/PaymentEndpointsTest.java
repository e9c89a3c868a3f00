package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.awaitPayment;
import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.eventually;
import static com.kobatela.payment.PaymentTestData.json;
import static com.kobatela.payment.PaymentTestData.nextId;
import static com.kobatela.payment.PaymentTestData.payment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * {@code GET /payments/{id}}, {@code GET /escrows/{id}/payments} and {@code POST /payments/execute/{id}} (spec
 * api.md#7.1, #9; rules.md#manual-execute, #ownership).
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class PaymentEndpointsTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    private long user;
    private String owner;
    private long escrowId;

    @BeforeEach
    void setUp() {
        Psp.reset();
        circuits.resetAll();
        user = nextId();
        owner = TestTokens.sender(nextId(), user);
        escrowId = PaymentTestData.escrow("user:" + user, "USD", "500.00");
    }

    @AfterEach
    void back() {
        Psp.mode("ok", 0);
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    /** A payment left PENDING by a failing PSP (attempted at least once). */
    private Map<String, Object> pendingPayment(String amount) {
        Psp.mode("fail", 0);
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), amount, "USD");
        eventually(() -> payment(key) != null && payment(key).get("last_psp_error") != null);
        return payment(key);
    }

    /** Stripe is off [beyond seed scope]: funding sessions answer 404 for a foreign escrow, else 503; account links 503. */
    @Test
    void stripeEndpointsAnswerDisabled() {
        given().auth().oauth2(owner).post("/escrows/" + escrowId + "/funding-session").then().statusCode(503)
                .body("error.code", equalTo("STRIPE_FUNDING_DISABLED"));
        given().auth().oauth2(TestTokens.sender(nextId(), nextId())).post("/escrows/" + escrowId + "/funding-session").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        given().auth().oauth2(TestTokens.admin(nextId())).post("/users/" + user + "/psp/stripe/account-link").then().statusCode(503)
                .body("error.code", equalTo("STRIPE_CONNECT_DISABLED"));
        given().auth().oauth2(owner).post("/users/" + user + "/psp/stripe/account-link").then().statusCode(403);
    }

    @Test
    void paymentsAreReadableByTheirOwnerSupportAndAdmin() {
        long m1 = nextId();
        String k1 = PaymentTestData.payoutRequested(escrowId, m1, "100.00", "USD");
        Map<String, Object> p1 = awaitPayment(k1, "SENT");
        String k2 = PaymentTestData.payoutRequested(escrowId, nextId(), "50.00", "USD");
        Map<String, Object> p2 = awaitPayment(k2, "SENT");

        given().auth().oauth2(owner).get("/payments/{id}", id(p1)).then().statusCode(200)
                .body("id", equalTo((int) id(p1)))
                .body("escrow_id", equalTo((int) escrowId))
                .body("milestone_id", equalTo((int) m1))
                .body("amount", equalTo("100.00"))
                .body("currency", equalTo("USD"))
                .body("psp_ref", equalTo(p1.get("psp_ref")))
                .body("status", equalTo("SENT"))
                .body("idempotency_key", equalTo(k1))
                .body("source", equalTo("milestone"))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        given().auth().oauth2(TestTokens.support(nextId())).get("/payments/{id}", id(p1)).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(nextId())).get("/payments/{id}", id(p1)).then().statusCode(200);
        given().auth().oauth2(TestTokens.sender(nextId(), nextId())).get("/payments/{id}", id(p1)).then().statusCode(404)
                .body("error.code", equalTo("PAYMENT_NOT_FOUND")).body("error.message", equalTo("Payment not found."));
        given().auth().oauth2(owner).get("/payments/{id}", 987_654_321L).then().statusCode(404).body("error.code", equalTo("PAYMENT_NOT_FOUND"));
        given().get("/payments/{id}", id(p1)).then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));

        given().auth().oauth2(owner).get("/escrows/{id}/payments", escrowId).then().statusCode(200)
                .body("", hasSize(2)).body("[0].id", equalTo((int) id(p1))).body("[1].id", equalTo((int) id(p2)));
        given().auth().oauth2(TestTokens.sender(nextId(), nextId())).get("/escrows/{id}/payments", escrowId).then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        given().auth().oauth2(TestTokens.admin(nextId())).get("/escrows/{id}/payments", 987_654_321L).then().statusCode(404);
        long empty = PaymentTestData.escrow("user:" + user, "USD", "0");
        given().auth().oauth2(owner).get("/escrows/{id}/payments", empty).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void manualExecutionSendsAndSettlesAPendingPayment() {
        Map<String, Object> p = pendingPayment("80.00");
        Psp.mode("ok", 0);
        given().auth().oauth2(owner).post("/payments/execute/{id}", id(p)).then().statusCode(200)
                .body("status", equalTo("SETTLED")).body("amount", equalTo("80.00"));
        Map<String, Object> settled = payment((String) p.get("idempotency_key"));
        assertEquals("SETTLED", settled.get("status"));
        assertEquals("manual-execute", settled.get("settlement_source"));
        assertEquals(1, Psp.payouts());
        JsonNode event = json(PaymentTestData.paymentEvents((String) p.get("idempotency_key"), 2).stream()
                .filter(r -> "payment.settled.v1".equals(TestEvents.header(r, "ce_type"))).findFirst().orElseThrow().value());
        assertEquals("manual-execute", event.path("source").asText());
        Map<String, Object> audit = TestDb.query("select actor, api_key_id, data_json->>'source' as source,"
                + " data_json->>'idempotency_key' as k from audit_logs where action = 'PAYMENT_SETTLED' and entity_id = ?", id(p)).get(0);
        assertEquals("manual-execute", audit.get("source"));
        assertEquals(p.get("idempotency_key"), audit.get("k"));
        assertEquals(true, ((String) audit.get("actor")).startsWith("apikey:koba_"));
        assertEquals(new BigDecimal("80.00"), balance(escrowId).get("debited"));
        // executing it again returns it unchanged
        given().auth().oauth2(owner).post("/payments/execute/{id}", id(p)).then().statusCode(200).body("status", equalTo("SETTLED"));
        assertEquals(1, Psp.payouts());
    }

    @Test
    void sentAndErrorPaymentsAreReturnedUnchanged() {
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "10.00", "USD");
        Map<String, Object> sent = awaitPayment(key, "SENT");
        given().auth().oauth2(owner).post("/payments/execute/{id}", id(sent)).then().statusCode(200).body("status", equalTo("SENT"));
        Psp.mode("reject", 0);
        String k2 = PaymentTestData.payoutRequested(escrowId, nextId(), "10.00", "USD");
        Map<String, Object> error = awaitPayment(k2, "ERROR");
        given().auth().oauth2(TestTokens.admin(nextId())).post("/payments/execute/{id}", id(error)).then().statusCode(200)
                .body("status", equalTo("ERROR")).body("psp_ref", nullValue());
        assertEquals(1, Psp.payouts());
    }

    @Test
    void executionRefusalsAndPspErrors() {
        Map<String, Object> p = pendingPayment("20.00");
        given().auth().oauth2(TestTokens.sender(nextId(), nextId())).post("/payments/execute/{id}", id(p)).then().statusCode(404)
                .body("error.code", equalTo("PAYMENT_NOT_FOUND"));
        given().auth().oauth2(TestTokens.support(nextId())).post("/payments/execute/{id}", id(p)).then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().auth().oauth2(owner).post("/payments/execute/{id}", 987_654_321L).then().statusCode(404)
                .body("error.code", equalTo("PAYMENT_NOT_FOUND"));
        // PSP still failing: the payment stays PENDING
        given().auth().oauth2(owner).post("/payments/execute/{id}", id(p)).then().statusCode(503)
                .body("error.code", equalTo("PSP_UNAVAILABLE")).body("error.details.status", equalTo("PENDING"));
        assertEquals("PENDING", payment((String) p.get("idempotency_key")).get("status"));
        // PSP refusing: 502, the payment is in ERROR and its amount released
        circuits.resetAll();
        Psp.mode("reject", 0);
        given().auth().oauth2(owner).post("/payments/execute/{id}", id(p)).then().statusCode(502)
                .body("error.code", equalTo("PSP_TRANSFER_FAILED"));
        assertEquals("ERROR", payment((String) p.get("idempotency_key")).get("status"));
        assertEquals(new BigDecimal("500.00"), balance(escrowId).get("available"));
        assertEquals(0, Psp.payouts());
    }

    @Test
    void keyLessPendingPaymentGetsItsKeyAndIsSettled() {
        long milestoneId = nextId();
        TestDb.update("update escrow_balances set reserved = reserved + 100 where escrow_id = ?", escrowId);
        TestDb.update("insert into payments (escrow_id, milestone_id, amount, currency, status, source, beneficiary, requested_by,"
                + " psp_attempts, created_at, updated_at) values (?, ?, 100.00, 'USD', 'PENDING', 'milestone', 'user:2', 'system:test', 0,"
                + " now(), now())", escrowId, milestoneId);
        long id = ((Number) TestDb.query("select id from payments where milestone_id = ?", milestoneId).get(0).get("id")).longValue();
        given().auth().oauth2(TestTokens.admin(nextId())).post("/payments/execute/{id}", id).then().statusCode(200)
                .body("status", equalTo("SETTLED")).body("idempotency_key", equalTo("payment:" + id));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_EXECUTED' and entity_id = ?"
                + " and data_json->>'manual_execution' = 'true'", id));
        assertEquals("PSP-", ((String) payment("payment:" + id).get("psp_ref")).substring(0, 4));
        var b = balance(escrowId);
        assertEquals(new BigDecimal("100.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
    }

    @Test
    void insufficientBalanceIsRefused() {
        // a PENDING payment that the ledger does not cover (as a payout interrupted before reservations existed would leave)
        long milestoneId = nextId();
        TestDb.update("insert into payments (escrow_id, milestone_id, amount, currency, status, idempotency_key, source, beneficiary,"
                + " requested_by, psp_attempts, next_attempt_at, created_at, updated_at) values (?, ?, 600.00, 'USD', 'PENDING', ?,"
                + " 'milestone', 'user:2', 'system:test', 1, now() + interval '1 hour', now(), now())", escrowId, milestoneId, "uncovered-" + milestoneId);
        long id = ((Number) TestDb.query("select id from payments where milestone_id = ?", milestoneId).get(0).get("id")).longValue();
        given().auth().oauth2(owner).post("/payments/execute/{id}", id).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals(0, Psp.calls());
        TestDb.update("update payments set status = 'ERROR' where id = ?", id);
    }
}
