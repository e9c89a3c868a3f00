package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.awaitPayment;
import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.eventually;
import static com.kobatela.payment.PaymentTestData.json;
import static com.kobatela.payment.PaymentTestData.nextId;
import static com.kobatela.payment.PaymentTestData.payment;
import static com.kobatela.payment.PaymentTestData.paymentEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.payment.client.SandboxPspClient;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * A PSP that refuses, fails, answers late or hangs (sandbox modes) leaves a defined state and never pays twice:
 * refusal → ERROR {@code PSP_REJECTED}, amount released; 5xx, timeout, hang → PENDING with its reservation, sent again
 * by the recovery job with the same idempotency key (the PSP returns the payout it already has). The circuit breaker
 * opens under failures and closes when the PSP is back. Test timings: PSP timeout 1 s, circuit opens after 4 calls
 * with half failing and probes after 2 s, job every 1 s with a back-off from 0.5 s to 2 s.
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class PspFailureTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    @BeforeEach
    void reset() {
        Psp.reset();
        circuits.resetAll();
    }

    @AfterEach
    void back() {
        Psp.mode("ok", 0);
    }

    @Test
    void definitiveRefusalPutsThePaymentInErrorAndReleasesTheAmount() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        Psp.mode("reject", 0);
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "60.00", "USD");
        Map<String, Object> p = awaitPayment(key, "ERROR");
        assertEquals("PSP_REJECTED", p.get("reason_code"));
        JsonNode failed = json(paymentEvents(key, 1).stream().filter(r -> "payment.failed.v1".equals(TestEvents.header(r, "ce_type")))
                .findFirst().orElseThrow().value());
        assertEquals("ERROR", failed.path("status").asText());
        assertEquals("PSP_REJECTED", failed.path("reason_code").asText());
        var b = balance(escrowId);
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
        assertEquals(new BigDecimal("100.00"), b.get("available"));
        Map<String, Object> audit = TestDb.query("select actor, data_json->>'external_error' as e, data_json->>'previous_status' as prev"
                + " from audit_logs where action = 'PAYMENT_FAILED' and entity_id = ?", p.get("id")).get(0);
        assertEquals("psp", audit.get("actor"));
        assertEquals("PAYOUT_REJECTED", audit.get("e"));
        assertEquals("PENDING", audit.get("prev"));
        assertEquals(0, Psp.payouts());
        assertEquals(1, Psp.calls(), "a refusal is not retried");
    }

    @Test
    void pspFailureKeepsThePaymentPendingUntilThePspIsBack() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        Psp.mode("fail", 0);
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "30.00", "USD");
        eventually(() -> {
            Map<String, Object> p = payment(key);
            return p != null && ((Number) p.get("psp_attempts")).intValue() >= 2 && p.get("last_psp_error") != null;
        });
        Map<String, Object> pending = payment(key);
        assertEquals("PENDING", pending.get("status"));
        assertEquals(new BigDecimal("30.00"), balance(escrowId).get("reserved"));
        assertEquals(0, Psp.payouts());

        Psp.mode("ok", 0);
        Map<String, Object> sent = awaitPayment(key, "SENT");
        assertEquals(1, Psp.payouts());
        assertEquals(Psp.payoutByKey(key).getString("psp_ref"), sent.get("psp_ref"));
        var b = balance(escrowId);
        assertEquals(new BigDecimal("30.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
    }

    @Test
    void lateAnswerTimesOutThenTheResendGetsTheSamePayout() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        Psp.mode("slow", 2500);
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "20.00", "USD");
        eventually(() -> {
            Map<String, Object> p = payment(key);
            return p != null && "PSP timeout".equals(p.get("last_psp_error"));
        });
        assertEquals("PENDING", payment(key).get("status"));
        // the PSP recorded the payout although our call timed out
        String pspRef = Psp.payoutByKey(key).getString("psp_ref");

        Psp.mode("ok", 0);
        Map<String, Object> sent = awaitPayment(key, "SENT");
        assertEquals(pspRef, sent.get("psp_ref"));
        assertEquals(1, Psp.payouts(), "one payout at the PSP whatever the resends");
        assertTrue(Psp.calls() >= 2);
        assertEquals(new BigDecimal("20.00"), balance(escrowId).get("debited"));
    }

    @Test
    void hangingPspLeavesThePaymentPendingAndNeverPaysTwice() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        Psp.mode("hang", 0);
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "15.00", "USD");
        eventually(() -> {
            Map<String, Object> p = payment(key);
            return p != null && p.get("last_psp_error") != null;
        });
        assertEquals("PENDING", payment(key).get("status"));
        String pspRef = Psp.payoutByKey(key).getString("psp_ref");

        Psp.mode("ok", 0);
        assertEquals(pspRef, awaitPayment(key, "SENT").get("psp_ref"));
        assertEquals(1, Psp.payouts());
        assertEquals(1, TestDb.count("select count(*) from payments where idempotency_key = ?", key));
    }

    @Test
    void circuitOpensUnderFailuresAndClosesWhenThePspIsBack() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        Psp.mode("fail", 0);
        String k1 = PaymentTestData.payoutRequested(escrowId, nextId(), "10.00", "USD");
        String k2 = PaymentTestData.payoutRequested(escrowId, nextId(), "11.00", "USD");
        eventually(() -> circuits.currentState(SandboxPspClient.CIRCUIT) == CircuitBreakerState.OPEN);
        // while open, calls fail fast without reaching the PSP: the payments stay PENDING with that reason
        eventually(() -> TestDb.count("select count(*) from payments where idempotency_key in (?, ?) and status = 'PENDING'"
                + " and last_psp_error = 'PSP circuit open'", k1, k2) >= 1);
        assertEquals(0, Psp.payouts());

        Psp.mode("ok", 0);
        awaitPayment(k1, "SENT");
        awaitPayment(k2, "SENT");
        eventually(() -> circuits.currentState(SandboxPspClient.CIRCUIT) == CircuitBreakerState.CLOSED);
        assertEquals(2, Psp.payouts());
        assertEquals(new BigDecimal("21.00"), balance(escrowId).get("debited"));
    }
}
