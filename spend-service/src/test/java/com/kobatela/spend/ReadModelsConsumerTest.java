package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.awaitTrue;
import static com.kobatela.spend.SpendFixtures.deposit;
import static com.kobatela.spend.SpendFixtures.escrow;
import static com.kobatela.spend.SpendFixtures.escrowStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The escrow and payment read models fed by Kafka (spec README.md judgement calls 2 and 4; ARCHITECTURE §3): each
 * event applied once per event id, each deposit once per deposit id, terminal statuses never overwritten by older
 * events, and unreadable events sent to the dead-letter topic without blocking the partition.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ReadModelsConsumerTest {

    private static String status(long escrowId) {
        return (String) TestDb.query("select status from escrow_views where escrow_id = ?", escrowId).get(0).get("status");
    }

    @Test
    void escrowStatusAndDeposits() {
        long e = escrow("user:4401");
        assertEquals("DRAFT", status(e));
        long d = deposit(e, "40.00", "DRAFT");
        // the same event redelivered (same id) and the same deposit under a new event id: counted once
        String json = "{\"escrow_id\":%d,\"deposit_id\":%d,\"amount\":\"40.00\",\"currency\":\"USD\",\"idempotency_key\":\"x\",\"escrow_status\":\"DRAFT\"}"
                .formatted(e, d);
        String id = UUID.randomUUID().toString();
        TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, id, json);
        TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, id, json);
        deposit(e, "60.00", "FUNDED");
        assertEquals(2, TestDb.count("select count(*) from escrow_deposit_views where escrow_id = ?", e));
        assertEquals(0, new java.math.BigDecimal("100.00").compareTo((java.math.BigDecimal) TestDb.query(
                "select sum(amount) as s from escrow_deposit_views where escrow_id = ?", e).get(0).get("s")));
        assertEquals("FUNDED", status(e));

        // RELEASED is terminal: a later, older-looking event does not reopen the escrow
        escrowStatus(e, "FUNDED", "RELEASED");
        TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_STATUS_CHANGED,
                "{\"escrow_id\":%d,\"old_status\":\"DRAFT\",\"new_status\":\"FUNDED\",\"reason\":\"late\"}".formatted(e));
        long marker = deposit(escrow("user:4401"), "1.00", "FUNDED");
        awaitTrue(() -> TestDb.count("select count(*) from escrow_deposit_views where deposit_id = ?", marker) == 1);
        awaitTrue(() -> TestDb.count("select count(*) from processed_events where consumer = 'spend-service'") > 0);
        assertEquals("RELEASED", status(e));
    }

    @Test
    void paymentViewKeepsTerminalStatuses() {
        long e = escrow("user:4402");
        long payment = FakePaymentService.nextPaymentId();
        FakePaymentService.publish(EventTypes.PAYMENT_SETTLED, e, payment, "12.00", "SETTLED", "pay|escrow:" + e + "|ms:1|amt:12.00", null, null, null);
        awaitTrue(() -> TestDb.count("select count(*) from payment_views where payment_id = ? and status = 'SETTLED'", payment) == 1);
        // a late SENT for the same payment does not downgrade it
        FakePaymentService.publish(EventTypes.PAYMENT_SENT, e, payment, "12.00", "SENT", "pay|escrow:" + e + "|ms:1|amt:12.00", null, null, null);
        long other = FakePaymentService.nextPaymentId();
        FakePaymentService.publish(EventTypes.PAYMENT_FAILED, e, other, "3.00", "ERROR", "pay|escrow:" + e + "|ms:2|amt:3.00", "PSP_FAILED", null, null);
        awaitTrue(() -> TestDb.count("select count(*) from payment_views where payment_id = ?", other) == 1);
        assertEquals("SETTLED", TestDb.query("select status from payment_views where payment_id = ?", payment).get(0).get("status"));
        // a rejection has no payment: no view row, and an unknown usage payout is ignored
        FakePaymentService.publish(EventTypes.PAYOUT_REJECTED, e, null, "5.00", "REJECTED", "usage|user:1|nobody", "UNKNOWN_ESCROW", "X", null);
        long last = FakePaymentService.nextPaymentId();
        FakePaymentService.publish(EventTypes.PAYMENT_SENT, e, last, "1.00", "SENT", "pay|escrow:" + e + "|ms:3|amt:1.00", null, null, null);
        awaitTrue(() -> TestDb.count("select count(*) from payment_views where payment_id = ?", last) == 1);
        assertEquals(3, TestDb.count("select count(*) from payment_views where escrow_id = ?", e));
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopic() {
        long e = escrow("user:4403");
        String poison = TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, "{not json");
        String negative = TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED,
                "{\"escrow_id\":%d,\"deposit_id\":1,\"amount\":\"-1.00\",\"currency\":\"USD\",\"escrow_status\":\"DRAFT\"}".formatted(e));
        // the partition goes on: a later deposit of the same escrow is applied
        deposit(e, "9.00", "DRAFT");
        var dead = TestEvents.read(Topics.dlq(Topics.ESCROW), Duration.ofSeconds(30), rs -> rs.stream().filter(
                r -> poison.equals(TestEvents.header(r, "ce_id")) || negative.equals(TestEvents.header(r, "ce_id"))).count() == 2);
        assertEquals(2, dead.stream().filter(r -> poison.equals(TestEvents.header(r, "ce_id")) || negative.equals(TestEvents.header(r, "ce_id"))).count());
        assertEquals(1, TestDb.count("select count(*) from escrow_deposit_views where escrow_id = ?", e));
    }
}
