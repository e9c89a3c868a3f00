package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.awaitPayment;
import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.eventually;
import static com.kobatela.payment.PaymentTestData.json;
import static com.kobatela.payment.PaymentTestData.nextId;
import static com.kobatela.payment.PaymentTestData.payment;
import static com.kobatela.payment.PaymentTestData.paymentEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Payout requests from Kafka (spec rules.md#payouts, #balance; CONTRACTS): one payment and one PSP call per idempotency
 * key whatever the redeliveries, the events and audits of a SENT payout, usage spends settled at once, and the refusals.
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class PayoutFlowTest {

    @BeforeEach
    void reset() {
        Psp.reset();
    }

    private static JsonNode only(List<ConsumerRecord<String, String>> events, String type) {
        List<ConsumerRecord<String, String>> of = events.stream().filter(r -> type.equals(TestEvents.header(r, "ce_type"))).toList();
        assertEquals(1, of.size(), type + " events: " + of);
        return json(of.get(0).value());
    }

    @Test
    void doubleDeliveredPayoutRequestMakesOnePaymentAndOnePspCall() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "500.00");
        long milestoneId = nextId();
        String key = PaymentTestData.milestoneKey(escrowId, milestoneId, "250.00");
        String eventId = UUID.randomUUID().toString();
        PaymentTestData.payoutRequested(eventId, escrowId, milestoneId, "250.00", "USD", key);
        PaymentTestData.payoutRequested(eventId, escrowId, milestoneId, "250.00", "USD", key);
        Map<String, Object> p = awaitPayment(key, "SENT");
        // the same request again under a new event id (a re-emission): still one payment, no new PSP call
        String again = UUID.randomUUID().toString();
        PaymentTestData.payoutRequested(again, escrowId, milestoneId, "250.00", "USD", key);
        eventually(() -> TestDb.count("select count(*) from processed_events where event_id = ?", again) == 1);
        assertEquals(1, TestDb.count("select count(*) from processed_events where event_id = ?", eventId));
        PaymentTestData.paymentEvents(key, 1);
        eventually(() -> TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_EXECUTED' and entity_id = ?", p.get("id")) == 1);

        assertEquals(1, TestDb.count("select count(*) from payments where escrow_id = ?", escrowId));
        assertEquals(1, Psp.calls());
        assertEquals(1, Psp.payouts());
        assertEquals(p.get("psp_ref"), Psp.payoutByKey(key).getString("psp_ref"));
        assertEquals("user:2", Psp.payoutByKey(key).getString("beneficiary"));
        assertEquals("250.00", Psp.payoutByKey(key).getString("amount"));

        Map<String, Object> b = balance(escrowId);
        assertEquals(new BigDecimal("250.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
        assertEquals(new BigDecimal("250.00"), b.get("available"));
        assertEquals(1, TestDb.count("select count(*) from ledger_entries where source_ref = ? and kind = 'DEBIT'", "payment:" + p.get("id")));

        JsonNode sent = only(paymentEvents(key, 1), "payment.sent.v1");
        assertEquals(((Number) p.get("id")).longValue(), sent.path("payment_id").asLong());
        assertEquals(escrowId, sent.path("escrow_id").asLong());
        assertEquals(milestoneId, sent.path("milestone_id").asLong());
        assertEquals("250.00", sent.path("amount").asText());
        assertEquals("USD", sent.path("currency").asText());
        assertEquals(p.get("psp_ref"), sent.path("psp_ref").asText());
        assertEquals("SENT", sent.path("status").asText());
        assertEquals("milestone", sent.path("source").asText());
        Map<String, Object> audit = TestDb.query("select actor, data_json::text as data from audit_logs where action = 'PAYMENT_EXECUTED'"
                + " and entity_id = ?", p.get("id")).get(0);
        assertEquals("system:test", audit.get("actor"));
        JsonNode data = json((String) audit.get("data"));
        assertEquals("250.00", data.path("amount").asText());
        assertEquals(key, data.path("idempotency_key").asText());
    }

    @Test
    void usageSpendPayoutIsSentThenSettledAtOnce() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "EUR", "200.00");
        String key = PaymentTestData.usagePayoutRequested(escrowId, "90.00", "EUR", "IBAN-XYZ-001", "clinic visit");
        Map<String, Object> p = awaitPayment(key, "SETTLED");
        assertNull(p.get("milestone_id"));
        assertEquals("usage-spend", p.get("source"));
        assertEquals("IBAN-XYZ-001", p.get("payee_ref"));
        List<ConsumerRecord<String, String>> events = paymentEvents(key, 2);
        assertEquals("payment.sent.v1", TestEvents.header(events.get(0), "ce_type"));
        assertEquals("payment.settled.v1", TestEvents.header(events.get(1), "ce_type"));
        JsonNode settled = json(events.get(1).value());
        assertEquals("SETTLED", settled.path("status").asText());
        assertEquals("usage-spend", settled.path("source").asText());
        assertEquals("IBAN-XYZ-001", settled.path("payee_ref").asText());
        assertEquals("clinic visit", settled.path("note").asText());
        assertEquals(String.valueOf(escrowId), events.get(1).key());
        Map<String, Object> audit = TestDb.query("select actor, data_json::text as data from audit_logs where action = 'PAYMENT_SETTLED'"
                + " and entity_id = ?", p.get("id")).get(0);
        assertEquals("system:test", audit.get("actor"));
        assertEquals("usage-spend", json((String) audit.get("data")).path("source").asText());
        assertEquals(new BigDecimal("110.00"), balance(escrowId).get("available"));
    }

    @Test
    void shortBalanceIsRejectedWithTheRequestsKey() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "100.01", "USD");
        JsonNode rejected = only(paymentEvents(key, 1), "payment.payout-rejected.v1");
        assertEquals("INSUFFICIENT_ESCROW_BALANCE", rejected.path("reason_code").asText());
        assertEquals(key, rejected.path("idempotency_key").asText());
        assertEquals("REJECTED", rejected.path("status").asText());
        assertNull(payment(key));
        assertEquals(0, Psp.calls());
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'PAYOUT_REJECTED' and data_json->>'idempotency_key' = ?", key));
    }

    @Test
    void unknownEscrowAndInactiveEscrowAreRejected() {
        long unknown = nextId();
        String k1 = PaymentTestData.payoutRequested(unknown, nextId(), "10.00", "USD");
        assertEquals("UNKNOWN_ESCROW", only(paymentEvents(k1, 1), "payment.payout-rejected.v1").path("reason_code").asText());

        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), "escrow.status-changed.v1",
                "{\"escrow_id\": " + escrowId + ", \"old_status\": \"FUNDED\", \"new_status\": \"REFUNDED\", \"reason\": \"client-reject\"}");
        eventually(() -> "REFUNDED".equals(TestDb.query("select escrow_status from escrow_balances where escrow_id = ?", escrowId)
                .get(0).get("escrow_status")));
        String k2 = PaymentTestData.payoutRequested(escrowId, nextId(), "10.00", "USD");
        assertEquals("ESCROW_NOT_ACTIVE", only(paymentEvents(k2, 1), "payment.payout-rejected.v1").path("reason_code").asText());
        String k3 = PaymentTestData.usagePayoutRequested(escrowId, "10.00", "USD", "payee-1", null);
        assertEquals("ESCROW_NOT_ACTIVE", only(paymentEvents(k3, 1), "payment.payout-rejected.v1").path("reason_code").asText());
        assertEquals(0, Psp.calls());
    }

    @Test
    void errorPaymentIsNotReusedAndTheSameMilestoneIsNotPaidTwice() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "300.00");
        long milestoneId = nextId();
        String key = PaymentTestData.payoutRequested(escrowId, milestoneId, "100.00", "USD");
        Map<String, Object> p = awaitPayment(key, "SENT");
        // another key for the same milestone and amount: no second payment, no PSP call
        PaymentTestData.payoutRequested(UUID.randomUUID().toString(), escrowId, milestoneId, "100.00", "USD", key + "|other");
        // another amount for the same milestone: refused
        String other = PaymentTestData.payoutRequested(escrowId, milestoneId, "50.00", "USD");
        assertEquals("MILESTONE_ALREADY_PAID", only(paymentEvents(other, 1), "payment.payout-rejected.v1").path("reason_code").asText());
        assertEquals(1, TestDb.count("select count(*) from payments where milestone_id = ?", milestoneId));
        assertEquals(1, Psp.calls());

        // an ERROR payment's key is refused with PAYMENT_IN_ERROR (rules.md#payouts step 1)
        TestDb.update("update payments set status = 'ERROR', reason_code = 'PSP_FAILED' where id = ?", p.get("id"));
        TestDb.update("update escrow_balances set debited = debited - 100 where escrow_id = ?", escrowId);
        PaymentTestData.payoutRequested(UUID.randomUUID().toString(), escrowId, milestoneId, "100.00", "USD", key);
        List<ConsumerRecord<String, String>> events = paymentEvents(key, 2);
        JsonNode rejected = only(events, "payment.payout-rejected.v1");
        assertEquals("PAYMENT_IN_ERROR", rejected.path("reason_code").asText());
        assertEquals(((Number) p.get("id")).longValue(), rejected.path("payment_id").asLong());
        assertEquals("ERROR", rejected.path("status").asText());
        assertEquals(1, TestDb.count("select count(*) from payments where milestone_id = ?", milestoneId));
        assertNotNull(payment(key));
    }
}
