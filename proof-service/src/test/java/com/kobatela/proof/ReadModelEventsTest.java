package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.awaitProcessed;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.created;
import static com.kobatela.proof.support.ProofApi.deposit;
import static com.kobatela.proof.support.ProofApi.depositJson;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.milestoneId;
import static com.kobatela.proof.support.ProofApi.milestoneStatus;
import static com.kobatela.proof.support.ProofApi.nextId;
import static com.kobatela.proof.support.ProofApi.payment;
import static com.kobatela.proof.support.ProofApi.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The escrow, milestone and payment read models under duplicate and out-of-order events, and the balance
 * pre-check of spec rules.md#balance (deposits − SENT/SETTLED − PENDING; ERROR no longer counts).
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ReadModelEventsTest {

    private static BigDecimal deposited(long escrowId) {
        return (BigDecimal) TestDb.query("select deposited from escrow_views where escrow_id = ?", escrowId).get(0).get("deposited");
    }

    @Test
    void depositBeforeItsEscrowIsKeptAndTheOwnerArrivesLater() {
        long e = nextId();
        String key = String.valueOf(e);
        awaitProcessed(deposit(e, nextId(), "250.00"));
        assertEquals(new BigDecimal("250.00"), deposited(e));
        assertEquals("", TestDb.query("select owner_principal from escrow_views where escrow_id = ?", e).get(0).get("owner_principal"),
                "no sender sees an escrow whose creation is not known yet");
        awaitProcessed(TestEvents.publish(Topics.ESCROW, key, EventTypes.ESCROW_CREATED, created(e)));
        assertEquals("FUNDED", TestDb.query("select status from escrow_views where escrow_id = ?", e).get(0).get("status"),
                "the late creation does not move the status back to DRAFT");
        assertEquals(new BigDecimal("250.00"), deposited(e));
        awaitProcessed(TestEvents.publish(Topics.ESCROW, key, EventTypes.MILESTONE_CREATED, """
                {"milestone_id":%d,"escrow_id":%d,"idx":1,"label":"m1","amount":"250.00","currency":"USD","proof_type":"PHOTO",
                 "proof_requirements":{},"status":"WAITING"}""".formatted(milestoneId(e, 1), e)));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201).body("status", equalTo("APPROVED"));
    }

    @Test
    void aDepositReEmittedUnderAnotherEventIdCountsOnce() {
        long e = escrow(null, "300.00:PHOTO");
        long depositId = nextId();
        awaitProcessed(deposit(e, depositId, "200.00"));
        awaitProcessed(TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, depositJson(e, depositId, "200.00")));
        assertEquals(new BigDecimal("200.00"), deposited(e));
        assertEquals(1, TestDb.count("select count(*) from deposit_views where deposit_id = ?", depositId));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
    }

    @Test
    void balanceCountsSentAndSettledPaymentsAndReleasesErrors() {
        long e = escrow("500.00", "300.00:PHOTO", "300.00:PHOTO");
        long m1 = milestoneId(e, 1);
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201).body("status", equalTo("APPROVED"));
        long paymentId = nextId();
        awaitProcessed(payment(e, paymentId, m1, "300.00", "SENT", EventTypes.PAYMENT_SENT));
        milestoneStatus(e, 1, "WAITING", "APPROVED");
        milestoneStatus(e, 1, "APPROVED", "PAYING");
        milestoneStatus(e, 1, "PAYING", "PAID");
        // 500 deposited − 300 sent = 200 < 300
        submit(SENDER, e, 2, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        awaitProcessed(payment(e, paymentId, m1, "300.00", "SETTLED", EventTypes.PAYMENT_SETTLED));
        submit(SENDER, e, 2, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        // the payment fails after settlement? not possible; a failure after SENT would release it:
        long second = nextId();
        awaitProcessed(payment(e, second, null, "150.00", "SENT", EventTypes.PAYMENT_SENT));
        awaitProcessed(payment(e, second, null, "150.00", "ERROR", EventTypes.PAYMENT_FAILED));
        awaitProcessed(payment(e, second, null, "150.00", "SENT", EventTypes.PAYMENT_SENT));
        assertEquals("ERROR", TestDb.query("select status from payment_views where payment_id = ?", second).get(0).get("status"),
                "a late SENT does not debit a failed payment again");
        awaitProcessed(deposit(e, nextId(), "100.00"));
        // 600 − 300 settled (ERROR ignored) = 300: covered
        submit(SENDER, e, 2, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201).body("status", equalTo("APPROVED"));
    }

    @Test
    void approvedMilestoneIsReservedUntilItsPaymentIsKnown() {
        long e = escrow("500.00", "300.00:PHOTO", "300.00:PHOTO");
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201);
        // escrow-service reports PAID before payment-service's SENT reached us: the 300 stay reserved
        milestoneStatus(e, 1, "WAITING", "PAID");
        submit(SENDER, e, 2, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        // the payment of a PAID milestone fails afterwards (it stays PAID): its amount is available again
        long paymentId = nextId();
        awaitProcessed(payment(e, paymentId, milestoneId(e, 1), "300.00", "SENT", EventTypes.PAYMENT_SENT));
        awaitProcessed(payment(e, paymentId, milestoneId(e, 1), "300.00", "ERROR", EventTypes.PAYMENT_FAILED));
        submit(SENDER, e, 2, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201);
    }

    @Test
    void aPaidMilestoneIgnoresLateStatuses() {
        long e = escrow("500.00", "100.00:PHOTO");
        milestoneStatus(e, 1, "WAITING", "PAID");
        awaitProcessed(TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.MILESTONE_STATUS_CHANGED, """
                {"milestone_id":%d,"escrow_id":%d,"idx":1,"old_status":"APPROVED","new_status":"PAYING"}""".formatted(milestoneId(e, 1), e)));
        assertEquals("PAID", TestDb.query("select status from milestone_views where milestone_id = ?", milestoneId(e, 1)).get(0).get("status"));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409).body("error.code", equalTo("NO_OPEN_MILESTONE"));
    }
}
