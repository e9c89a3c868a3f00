package com.kobatela.escrow;

import static com.kobatela.escrow.Fixtures.awaitMilestone;
import static com.kobatela.escrow.Fixtures.barrier;
import static com.kobatela.escrow.Fixtures.escrowStatus;
import static com.kobatela.escrow.Fixtures.kinds;
import static com.kobatela.escrow.Fixtures.milestoneStatus;
import static com.kobatela.escrow.Fixtures.outbox;
import static com.kobatela.escrow.Fixtures.payment;
import static com.kobatela.escrow.Fixtures.proof;
import static com.kobatela.escrow.TestData.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.kobatela.escrow.Fixtures.Party;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Payment events (CONTRACTS.md "Consumers", spec {@code domain.md#9.2}, {@code rules.md#finalization},
 * {@code #settlement}): PAID and finalisation, settlement and usage-spend timeline entries once, blocked payouts asked
 * again on the next deposit, failures after PAID; duplicates and out-of-order deliveries are harmless.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class PaymentEventsTest {

    private static final long PAYMENT_IDS = 500_000 + (System.nanoTime() & 0xffff);
    private static long nextPayment = PAYMENT_IDS;

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String key(long e, long m, String amount) {
        return "pay|escrow:" + e + "|ms:" + m + "|amt:" + amount;
    }

    /** A funded escrow with one milestone whose payout was requested (PAYING). */
    private record Paying(Party party, long escrow, long milestone) {
    }

    private static Paying paying(String total, String amount) {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, total);
        long m = Fixtures.milestone(e, 1, amount);
        proof(EventTypes.PROOF_APPROVED, id(), e, m, true);
        awaitMilestone(m, "PAYING");
        return new Paying(p, e, m);
    }

    private static void sent(long e, long m, long paymentId, String amount) {
        payment(EventTypes.PAYMENT_SENT, id(), e, m, paymentId, amount, "SENT", "milestone", key(e, m, amount), null);
    }

    @Test
    void sentPaysTheMilestoneAndFinalisesTheEscrowOnce() {
        Paying t = paying("300.00", "300.00");
        long pay = ++nextPayment;
        String first = id();
        payment(EventTypes.PAYMENT_SENT, first, t.escrow(), t.milestone(), pay, "300.00", "SENT", "milestone", key(t.escrow(), t.milestone(), "300.00"), null);
        awaitMilestone(t.milestone(), "PAID");
        payment(EventTypes.PAYMENT_SENT, first, t.escrow(), t.milestone(), pay, "300.00", "SENT", "milestone", key(t.escrow(), t.milestone(), "300.00"), null);
        sent(t.escrow(), t.milestone(), pay, "300.00");
        barrier(Topics.PAYMENT, t.escrow());

        assertEquals("RELEASED", escrowStatus(t.escrow()));
        assertEquals(List.of("DEPOSIT", "CLOSED"), kinds(t.escrow()));
        as(t.party().token()).get("/escrows/" + t.escrow() + "/events").then().statusCode(200)
                .body("[1].data_json.reason", org.hamcrest.Matchers.equalTo("all_milestones_paid"));
        var released = TestDb.query("select actor, data_json::text as data from audit_logs where entity = 'EscrowAgreement' and entity_id = ? "
                + "and action = 'ESCROW_RELEASED'", t.escrow());
        assertEquals(List.of(Map.of("actor", "system", "data", "{\"source\": \"finalize\"}")), released);
        assertEquals(List.of("{\"escrow_id\":" + t.escrow() + ",\"old_status\":\"FUNDED\",\"new_status\":\"RELEASED\",\"reason\":\"finalization\"}"),
                outbox(t.escrow(), EventTypes.ESCROW_RELEASED));
        assertEquals(3, outbox(t.escrow(), EventTypes.MILESTONE_STATUS_CHANGED).size());
    }

    @Test
    void escrowIsReleasedOnlyWhenEveryMilestoneIsPaid() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "500.00");
        long m1 = Fixtures.milestone(e, 1, "200.00");
        long m2 = Fixtures.milestone(e, 2, "300.00");
        proof(EventTypes.PROOF_APPROVED, id(), e, m1, true);
        awaitMilestone(m1, "PAYING");
        sent(e, m1, ++nextPayment, "200.00");
        awaitMilestone(m1, "PAID");
        barrier(Topics.PAYMENT, e);
        assertEquals("FUNDED", escrowStatus(e));
        proof(EventTypes.PROOF_SUBMITTED, id(), e, m2, false);
        proof(EventTypes.PROOF_APPROVED, id(), e, m2, false);
        awaitMilestone(m2, "PAYING");
        sent(e, m2, ++nextPayment, "300.00");
        awaitMilestone(m2, "PAID");
        Awaitility.await().atMost(Fixtures.EVENTUALLY).until(() -> "RELEASED".equals(escrowStatus(e)));
        assertEquals(1, kinds(e).stream().filter("CLOSED"::equals).count());
    }

    @Test
    void finalisationNeverOverwritesARefundedEscrow() {
        Paying t = paying("100.00", "100.00");
        as(t.party().token()).body("{}").post("/escrows/" + t.escrow() + "/client-reject").then().statusCode(200);
        sent(t.escrow(), t.milestone(), ++nextPayment, "100.00");
        awaitMilestone(t.milestone(), "PAID");
        barrier(Topics.PAYMENT, t.escrow());
        assertEquals("REFUNDED", escrowStatus(t.escrow()));
        assertTrue(kinds(t.escrow()).stream().noneMatch("CLOSED"::equals));
        assertEquals(0, outbox(t.escrow(), EventTypes.ESCROW_RELEASED).size());
    }

    @Test
    void settlementIsRecordedOncePerPaymentAndPaysAMilestoneNotYetPaid() {
        Paying t = paying("100.00", "100.00");
        long pay = ++nextPayment;
        String k = key(t.escrow(), t.milestone(), "100.00");
        payment(EventTypes.PAYMENT_SETTLED, id(), t.escrow(), t.milestone(), pay, "100.00", "SETTLED", "psp_webhook", k, null);
        awaitMilestone(t.milestone(), "PAID");
        payment(EventTypes.PAYMENT_SETTLED, id(), t.escrow(), t.milestone(), pay, "100.00", "SETTLED", "psp_webhook", k, null);
        sent(t.escrow(), t.milestone(), pay, "100.00");
        barrier(Topics.PAYMENT, t.escrow());
        assertEquals(List.of("DEPOSIT", "PAYMENT_SETTLED", "CLOSED"), kinds(t.escrow()));
        var settled = TestDb.query("select idempotency_key, data_json->>'amount' as amount, data_json->>'source' as source, "
                + "data_json->>'payment_id' as payment from escrow_events where escrow_id = ? and kind = 'PAYMENT_SETTLED'", t.escrow());
        assertEquals(List.of(Map.of("idempotency_key", "payment:" + pay + ":settled", "amount", "100.00", "source", "psp_webhook",
                "payment", String.valueOf(pay))), settled);
        assertEquals("RELEASED", escrowStatus(t.escrow()));
    }

    @Test
    void usageSpendSettlementWritesUsageSpendOnce() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "200.00");
        long pay = ++nextPayment;
        String json = "{\"payment_id\": " + pay + ", \"escrow_id\": " + e + ", \"milestone_id\": null, \"amount\": \"90.00\", \"currency\": \"USD\", "
                + "\"psp_ref\": \"PSP-x\", \"status\": \"SETTLED\", \"source\": \"usage-spend\", \"idempotency_key\": \"usage|user:" + p.client()
                + "|spend-1\", \"reason_code\": null, \"payee_ref\": \"IBAN-1\", \"note\": \"lunch\"}";
        com.kobatela.testsupport.TestEvents.publish(Topics.PAYMENT, String.valueOf(e), EventTypes.PAYMENT_SETTLED, id(), json);
        com.kobatela.testsupport.TestEvents.publish(Topics.PAYMENT, String.valueOf(e), EventTypes.PAYMENT_SETTLED, id(), json);
        payment(EventTypes.PAYMENT_SENT, id(), e, null, pay, "90.00", "SENT", "usage-spend", "usage|user:" + p.client() + "|spend-1", null);
        barrier(Topics.PAYMENT, e);
        assertEquals(List.of("DEPOSIT", "PAYMENT_SETTLED", "USAGE_SPEND"), kinds(e));
        var usage = TestDb.query("select idempotency_key, data_json->>'payee_ref' as payee, data_json->>'note' as note, "
                + "data_json->>'amount' as amount, data_json->>'idempotency_key' as k from escrow_events where escrow_id = ? and kind = 'USAGE_SPEND'", e);
        assertEquals(List.of(Map.of("idempotency_key", "spend-1", "payee", "IBAN-1", "note", "lunch", "amount", "90.00", "k", "spend-1")), usage);
        assertEquals("FUNDED", escrowStatus(e));
    }

    @Test
    void rejectedPayoutIsBlockedThenRequestedAgainOnTheNextDeposit() throws Exception {
        Paying t = paying("100.00", "100.00");
        String k = key(t.escrow(), t.milestone(), "100.00");
        payment(EventTypes.PAYOUT_REJECTED, id(), t.escrow(), t.milestone(), null, "100.00", "REJECTED", "milestone", k,
                "INSUFFICIENT_ESCROW_BALANCE");
        awaitMilestone(t.milestone(), "APPROVED");
        payment(EventTypes.PAYOUT_REJECTED, id(), t.escrow(), t.milestone(), null, "100.00", "REJECTED", "milestone", k,
                "INSUFFICIENT_ESCROW_BALANCE");
        barrier(Topics.PAYMENT, t.escrow());
        assertEquals(List.of("DEPOSIT", "PAYOUT_BLOCKED"), kinds(t.escrow()));
        var blocked = TestDb.query("select actor, data_json->>'reason_code' as reason, data_json->>'idempotency_key' as k from audit_logs "
                + "where entity = 'Milestone' and entity_id = ? and action = 'PAYOUT_BLOCKED'", t.milestone());
        assertEquals(List.of(Map.of("actor", "system:test", "reason", "INSUFFICIENT_ESCROW_BALANCE", "k", k)), blocked);

        Fixtures.deposit(t.party(), t.escrow(), "50.00");
        assertEquals("PAYING", milestoneStatus(t.milestone()));
        List<String> payouts = outbox(t.escrow(), EventTypes.PAYOUT_REQUESTED);
        assertEquals(2, payouts.size());
        assertTrue(payouts.get(1).contains("\"idempotency_key\":\"" + k + "\""), payouts.get(1));
        var order = TestDb.query("select type from outbox_events where message_key = ? order by id desc limit 3", String.valueOf(t.escrow()));
        assertEquals(EventTypes.PAYOUT_REQUESTED, order.get(0).get("type"));
        assertEquals(EventTypes.ESCROW_DEPOSITED, order.get(2).get("type"), "the deposit is announced before the payout asked again");
        var again = TestDb.query("select actor from audit_logs where entity = 'Milestone' and entity_id = ? and action = 'PAYOUT_REQUESTED' order by id",
                t.milestone());
        assertEquals(t.party().actor(), again.get(1).get("actor"));

        sent(t.escrow(), t.milestone(), ++nextPayment, "100.00");
        awaitMilestone(t.milestone(), "PAID");
        Awaitility.await().atMost(Fixtures.EVENTUALLY).until(() -> "RELEASED".equals(escrowStatus(t.escrow())));
    }

    @Test
    void failureWhilePayingBlocksAndFailureAfterPaidIsRecordedOnce() {
        Paying t = paying("200.00", "100.00");
        long pay = ++nextPayment;
        String k = key(t.escrow(), t.milestone(), "100.00");
        payment(EventTypes.PAYMENT_FAILED, id(), t.escrow(), t.milestone(), pay, "100.00", "ERROR", "milestone", k, "PSP_FAILED");
        awaitMilestone(t.milestone(), "APPROVED");
        assertEquals(List.of("DEPOSIT", "PAYOUT_BLOCKED"), kinds(t.escrow()));

        // the failed payment spent its key: the next deposit asks again under the next attempt's key
        Fixtures.deposit(t.party(), t.escrow(), "10.00");
        assertEquals("PAYING", milestoneStatus(t.milestone()));
        List<String> payouts = outbox(t.escrow(), EventTypes.PAYOUT_REQUESTED);
        assertEquals(2, payouts.size());
        assertTrue(payouts.get(1).contains("\"idempotency_key\":\"" + k + "|try:2\""), payouts.get(1));
        // a late refusal of the first key does not block the new attempt
        payment(EventTypes.PAYOUT_REJECTED, id(), t.escrow(), t.milestone(), null, "100.00", "REJECTED", "milestone", k, "PAYMENT_IN_ERROR");
        barrier(Topics.PAYMENT, t.escrow());
        assertEquals("PAYING", milestoneStatus(t.milestone()));
        payment(EventTypes.PAYMENT_SENT, id(), t.escrow(), t.milestone(), ++nextPayment, "100.00", "SENT", "milestone", k + "|try:2", null);
        awaitMilestone(t.milestone(), "PAID");

        Paying u = paying("200.00", "100.00");
        long pay2 = ++nextPayment;
        String k2 = key(u.escrow(), u.milestone(), "100.00");
        sent(u.escrow(), u.milestone(), pay2, "100.00");
        awaitMilestone(u.milestone(), "PAID");
        payment(EventTypes.PAYMENT_FAILED, id(), u.escrow(), u.milestone(), pay2, "100.00", "ERROR", "milestone", k2, "PSP_FAILED");
        payment(EventTypes.PAYMENT_FAILED, id(), u.escrow(), u.milestone(), pay2, "100.00", "ERROR", "milestone", k2, "PSP_FAILED");
        payment(EventTypes.PAYOUT_REJECTED, id(), u.escrow(), u.milestone(), null, "100.00", "REJECTED", "milestone", k2, "PAYMENT_IN_ERROR");
        barrier(Topics.PAYMENT, u.escrow());
        assertEquals("PAID", milestoneStatus(u.milestone()));
        assertEquals(List.of("DEPOSIT", "CLOSED", "PAYMENT_FAILED_AFTER_PAID"), kinds(u.escrow()));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where entity = 'Milestone' and entity_id = ? "
                + "and action = 'PAYMENT_FAILED_AFTER_PAID'", u.milestone()));
    }

    @Test
    void unknownEscrowGoesToDeadLetters() {
        long unknown = 888_000_000L + (System.nanoTime() & 0xffff);
        payment(EventTypes.PAYMENT_SENT, id(), unknown, 1L, 1L, "1.00", "SENT", "milestone", "k", null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestData.readAll(Topics.dlq(Topics.PAYMENT)).stream()
                .anyMatch(r -> String.valueOf(unknown).equals(r.key())));
    }
}
