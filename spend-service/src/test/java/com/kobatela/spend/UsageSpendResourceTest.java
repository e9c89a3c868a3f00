package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.support;
import static com.kobatela.spend.SpendFixtures.as;
import static com.kobatela.spend.SpendFixtures.awaitTrue;
import static com.kobatela.spend.SpendFixtures.deposit;
import static com.kobatela.spend.SpendFixtures.escrow;
import static com.kobatela.spend.SpendFixtures.escrowStatus;
import static com.kobatela.spend.SpendFixtures.fundedEscrow;
import static com.kobatela.spend.SpendFixtures.payee;
import static com.kobatela.spend.SpendFixtures.payoutKey;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.spendBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Usage spend on a real PostgreSQL and Kafka (spec api.md#4.8, rules.md#payees, #idempotency, #ownership; acceptance
 * AC-053, AC-055 to AC-057), with {@link FakePaymentService} answering on the payment topic as payment-service does:
 * every error code in the spec's check order with its rejection audit persisted, the payout request in the outbox,
 * confirmation on settlement, release (compensation) on rejection or failure exactly once, replays, the bounded wait
 * (PENDING) and the daily reset at the UTC date boundary with a pinned clock.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class UsageSpendResourceTest {

    @Inject
    TestClock clock;

    @BeforeAll
    static void fakePaymentService() {
        FakePaymentService.start();
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private static BigDecimal payeeColumn(long payeeId, String column) {
        return (BigDecimal) TestDb.query("select " + column + " as v from allowed_payees where id = ?", payeeId).get(0).get("v");
    }

    private static long audits(String action, long entityId) {
        return TestDb.count("select count(*) from audit_logs where action = ? and entity_id = ?", action, entityId);
    }

    @Test
    void workedExampleSettlesReplaysAndEnforcesLimits() {
        long user = 4101;
        String sender = TestTokens.sender(51, user);
        long e = fundedEscrow("user:" + user, "200.00");
        long p1 = payee(e, "IBAN-XYZ-001", 120.0, 400.0);

        String k = key();
        Map<String, Object> body = spendBody(e, "IBAN-XYZ-001", 90.0);
        body.put("note", "consultation, iban FR7612345678901234");
        Response first = post(sender, "/spend", k, body);
        first.then().statusCode(200).body("status", equalTo("SETTLED")).body("amount", equalTo("90.00"))
                .body("escrow_id", equalTo((int) e)).body("payment_id", notNullValue()).body("psp_ref", notNullValue())
                .body("spend_id", notNullValue());
        long paymentId = first.jsonPath().getLong("payment_id");
        long spendId = first.jsonPath().getLong("spend_id");
        // replay: same payment; the counters moved once
        post(sender, "/spend", k, body).then().statusCode(200).body("payment_id", equalTo((int) paymentId))
                .body("spend_id", equalTo((int) spendId)).body("status", equalTo("SETTLED"));
        assertEquals(0, new BigDecimal("90.00").compareTo(payeeColumn(p1, "spent_today")));
        assertEquals(0, new BigDecimal("90.00").compareTo(payeeColumn(p1, "spent_total")));

        // the payout request: outbox → kobatela.spend.v1, key = escrow id, the contract's fields
        String payout = payoutKey("user:" + user, k);
        JsonNode request = FakePaymentService.request(payout);
        assertNotNull(request);
        assertEquals(e, request.path("escrow_id").asLong());
        assertEquals("90.00", request.path("amount").asText());
        assertEquals("USD", request.path("currency").asText());
        assertEquals("IBAN-XYZ-001", request.path("beneficiary").asText());
        assertEquals("usage-spend", request.path("source").asText());
        assertEquals("consultation, iban FR7612345678901234", request.path("note").asText());
        assertEquals(true, request.path("milestone_id").isNull());
        ConsumerRecord<String, String> record = TestEvents.read(Topics.SPEND, Duration.ofSeconds(10),
                rs -> rs.stream().anyMatch(r -> r.value().contains(payout))).stream().filter(r -> r.value().contains(payout)).findFirst()
                .orElseThrow();
        assertEquals(String.valueOf(e), record.key());
        assertEquals(EventTypes.USAGE_PAYOUT_REQUESTED, TestEvents.header(record, "ce_type"));
        assertEquals("apikey:koba_000033", TestEvents.header(record, "ce_kobactor"));
        assertEquals(1, TestDb.count("select count(*) from outbox_events where payload like ?", "%" + payout + "%"));

        // audits with the real actor: reserved, then USAGE_SPEND (entity Payment) once settled
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_SPEND_RESERVED' and entity = 'UsageSpend' "
                + "and entity_id = ? and actor = 'apikey:koba_000033' and api_key_id = 51", spendId));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_SPEND' and entity = 'Payment' and entity_id = ? "
                + "and actor = 'apikey:koba_000033' and data_json->>'payee_ref' = 'IBAN-XYZ-001' and data_json->>'amount' = '90.00'", paymentId));

        // 90 + 40 > 120: DAILY_LIMIT_REACHED, audited though the request failed
        post(sender, "/spend", key(), spendBody(e, "IBAN-XYZ-001", 40.0)).then().statusCode(409)
                .body("error.code", equalTo("DAILY_LIMIT_REACHED")).body("error.message", equalTo("Daily limit would be exceeded."));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_DAILY_LIMIT_REJECTED' and entity = 'AllowedPayee' "
                + "and entity_id = ? and actor = 'apikey:koba_000033' and data_json->>'amount' = '40.00'", p1));
        // reaching the limit exactly is allowed
        post(sender, "/spend", key(), spendBody(e, "IBAN-XYZ-001", "30")).then().statusCode(200).body("status", equalTo("SETTLED"));

        // payee 2: daily 500, total 150
        long e2 = fundedEscrow("user:" + user, "1000.00");
        long p2 = payee(e2, "IBAN-XYZ-002", 500, 150);
        post(sender, "/spend", key(), spendBody(e2, "IBAN-XYZ-002", 100.0)).then().statusCode(200);
        post(sender, "/spend", key(), spendBody(e2, "IBAN-XYZ-002", 60.0)).then().statusCode(409)
                .body("error.code", equalTo("TOTAL_LIMIT_REACHED")).body("error.message", equalTo("Total limit would be exceeded."));
        assertEquals(1, audits("USAGE_TOTAL_LIMIT_REJECTED", p2));
        assertEquals(0, new BigDecimal("100.00").compareTo(payeeColumn(p2, "spent_total")));

        // same key, other request
        post(sender, "/spend", k, spendBody(e, "IBAN-XYZ-001", 91.0)).then().statusCode(409).body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
    }

    @Test
    void checkOrderAndRejectionAudits() {
        long user = 4102;
        String sender = TestTokens.sender(52, user);
        long e = fundedEscrow("user:" + user, "50.00");
        payee(e, "CLINIC", null, null);

        // 400 before anything else: missing key (even for an unknown escrow), then amount <= 0
        as(sender).body(spendBody(123, "CLINIC", 10)).post("/spend").then().statusCode(400)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED")).body("error.message", equalTo("Header 'Idempotency-Key' is required for POST /spend."));
        post(sender, "/spend", "  ", spendBody(e, "CLINIC", 10)).then().statusCode(400).body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        as(sender).body(spendBody(e, "CLINIC", 0)).post("/spend").then().statusCode(400).body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "0")).then().statusCode(400).body("error.code", equalTo("BAD_AMOUNT"))
                .body("error.message", equalTo("Amount must be greater than zero."));
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "-5")).then().statusCode(400).body("error.code", equalTo("BAD_AMOUNT"));
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "0.004")).then().statusCode(400).body("error.code", equalTo("BAD_AMOUNT"));
        // 422 body validation comes first; 403 scope before that
        post(sender, "/spend", key(), spendBody(e, "", 1)).then().statusCode(422).body("error.field", equalTo("payee_ref"));
        post(sender, "/spend", key(), spendBody(e, "CLINIC", true)).then().statusCode(422).body("error.field", equalTo("amount"));
        Map<String, Object> longNote = spendBody(e, "CLINIC", 1);
        longNote.put("note", "n".repeat(256));
        post(sender, "/spend", key(), longNote).then().statusCode(422).body("error.field", equalTo("note"));
        post(support(), "/spend", key(), spendBody(e, "CLINIC", 1)).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));

        // 404: unknown escrow, and a foreign one (audited USAGE_ESCROW_NOT_FOUND, nothing reserved)
        post(sender, "/spend", key(), spendBody(99_999_999, "CLINIC", 1)).then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        String stranger = TestTokens.sender(53, 4103);
        post(stranger, "/spend", key(), spendBody(e, "CLINIC", 1)).then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_ESCROW_NOT_FOUND' and entity = 'AllowedPayee' "
                + "and entity_id = 0 and actor = 'apikey:koba_000035' and data_json->>'escrow_id' = ?", String.valueOf(e)));
        assertEquals(0, TestDb.count("select count(*) from usage_spends where escrow_id = ? and idempotency_scope = 'user:4103'", e));

        // 403 PAYEE_NOT_ALLOWED, audited
        post(sender, "/spend", key(), spendBody(e, "UNKNOWN-PAYEE", 1)).then().statusCode(403).body("error.code", equalTo("PAYEE_NOT_ALLOWED"))
                .body("error.message", equalTo("This payee is not allowed for this escrow."));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_PAYEE_FORBIDDEN' and entity_id = 0 "
                + "and data_json->>'payee_ref' = 'UNKNOWN-PAYEE' and data_json->>'escrow_id' = ?", String.valueOf(e)));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*spend_usage_rejections_total\\{[^}]*code=\"PAYEE_NOT_ALLOWED\"[^}]*\\} [1-9].*"));

        // 409 INSUFFICIENT_ESCROW_BALANCE: payee without limits, amount above the deposits
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "50.01")).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE")).body("error.message", equalTo("Not enough escrow balance."));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_BALANCE_REJECTED' "
                + "and data_json->>'escrow_id' = ? and data_json->>'amount' = '50.01'", String.valueOf(e)));
        // the whole balance is fine; then nothing is left (the settled payment and the reservations count)
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "50.00")).then().statusCode(200).body("status", equalTo("SETTLED"));
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "0.01")).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        deposit(e, "10.00", "FUNDED");
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "10.00")).then().statusCode(200);

        // admin spends on any escrow; 409 ESCROW_NOT_ACTIVE once released (audited with the status)
        deposit(e, "5.00", "FUNDED");
        post(admin(), "/spend", key(), spendBody(e, "CLINIC", "1.00")).then().statusCode(200);
        escrowStatus(e, "FUNDED", "RELEASED");
        post(sender, "/spend", key(), spendBody(e, "CLINIC", "1.00")).then().statusCode(409).body("error.code", equalTo("ESCROW_NOT_ACTIVE"))
                .body("error.message", equalTo("Escrow is no longer available for spending."));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_ESCROW_CLOSED' and data_json->>'note' = 'RELEASED' "
                + "and data_json->>'escrow_id' = ?", String.valueOf(e)));
        // a foreign sender still gets 404 first
        post(stranger, "/spend", key(), spendBody(e, "CLINIC", 1)).then().statusCode(404);
    }

    @Test
    void pendingAnswerThenSettledOnReplay() {
        long user = 4104;
        String sender = TestTokens.sender(54, user);
        long e = fundedEscrow("user:" + user, "100.00");
        long p = payee(e, "SHOP", 200, null);
        String k = key();
        String payout = payoutKey("user:" + user, k);
        FakePaymentService.hold(payout);

        post(sender, "/spend", k, spendBody(e, "SHOP", "25.00")).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("payment_id", nullValue()).body("psp_ref", nullValue()).body("amount", equalTo("25.00"));
        assertEquals(0, new BigDecimal("25.00").compareTo(payeeColumn(p, "spent_today")));
        // the reservation counts against the balance before payment-service answers
        post(sender, "/spend", key(), spendBody(e, "SHOP", "75.01")).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));

        long paymentId = FakePaymentService.nextPaymentId();
        FakePaymentService.publish(EventTypes.PAYMENT_SENT, e, paymentId, "25.00", "SENT", payout, null, "SHOP", null);
        awaitTrue(() -> TestDb.count("select count(*) from usage_spends where payout_key = ? and payment_status = 'SENT'", payout) == 1);
        post(sender, "/spend", k, spendBody(e, "SHOP", "25.00")).then().statusCode(200).body("payment_id", equalTo((int) paymentId));
        FakePaymentService.publish(EventTypes.PAYMENT_SETTLED, e, paymentId, "25.00", "SETTLED", payout, null, "SHOP", null);
        awaitTrue(() -> TestDb.count("select count(*) from usage_spends where payout_key = ? and status = 'CONFIRMED'", payout) == 1);
        post(sender, "/spend", k, spendBody(e, "SHOP", "25.00")).then().statusCode(200).body("status", equalTo("SETTLED"))
                .body("payment_id", equalTo((int) paymentId)).body("psp_ref", equalTo("PSP-" + paymentId));
        // counted once: via the payment (75.00 still available)
        post(sender, "/spend", key(), spendBody(e, "SHOP", "75.01")).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals(0, new BigDecimal("25.00").compareTo(payeeColumn(p, "spent_total")));
    }

    @Test
    void rejectedPayoutReleasesTheReservationOnce() {
        long user = 4105;
        String sender = TestTokens.sender(55, user);
        long e = fundedEscrow("user:" + user, "100.00");
        long p = payee(e, "LAB", "60.00", "80.00");
        String k = key();
        String payout = payoutKey("user:" + user, k);
        FakePaymentService.reject(payout, "INSUFFICIENT_ESCROW_BALANCE");

        Response refused = post(sender, "/spend", k, spendBody(e, "LAB", "40.00"));
        refused.then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"))
                .body("error.details.reason_code", equalTo("INSUFFICIENT_ESCROW_BALANCE")).body("error.details.spend_id", notNullValue());
        long spendId = refused.jsonPath().getLong("error.details.spend_id");
        assertEquals(0, BigDecimal.ZERO.compareTo(payeeColumn(p, "spent_today")));
        assertEquals(0, BigDecimal.ZERO.compareTo(payeeColumn(p, "spent_total")));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_BALANCE_REJECTED' and entity = 'AllowedPayee' "
                + "and entity_id = ? and actor = 'apikey:koba_000037' and data_json->>'note' = 'INSUFFICIENT_ESCROW_BALANCE' "
                + "and data_json->>'spend_id' = ?", p, String.valueOf(spendId)));
        // a replay answers the released state; no second reservation
        post(sender, "/spend", k, spendBody(e, "LAB", "40.00")).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals(1, TestDb.count("select count(*) from usage_spends where payout_key = ?", payout));

        // the same rejection again under another event id, and a failure after it: the counters move once
        long late = FakePaymentService.nextPaymentId();
        FakePaymentService.publish(EventTypes.PAYOUT_REJECTED, e, null, "40.00", "REJECTED", payout, "INSUFFICIENT_ESCROW_BALANCE", "LAB", null);
        FakePaymentService.publish(EventTypes.PAYMENT_FAILED, e, late, "40.00", "ERROR", payout, "PSP_FAILED", "LAB", null);
        // one escrow's events are consumed in order: once the last one is in the payment view, both were applied
        awaitTrue(() -> TestDb.count("select count(*) from payment_views where payment_id = ?", late) == 1);
        assertEquals(0, BigDecimal.ZERO.compareTo(payeeColumn(p, "spent_today")));
        assertEquals(0, BigDecimal.ZERO.compareTo(payeeColumn(p, "spent_total")));
        assertEquals(1, audits("USAGE_BALANCE_REJECTED", p));
        assertEquals(0, audits("USAGE_PAYOUT_FAILED", p));
        post(sender, "/spend", key(), spendBody(e, "LAB", "10.00")).then().statusCode(200).body("status", equalTo("SETTLED"));

        // a PSP failure after sending releases too, with its own audit and error
        String f = key();
        String failed = payoutKey("user:" + user, f);
        FakePaymentService.fail(failed);
        post(sender, "/spend", f, spendBody(e, "LAB", "20.00")).then().statusCode(409).body("error.code", equalTo("PAYOUT_FAILED"))
                .body("error.details.reason_code", equalTo("PSP_FAILED")).body("error.details.payment_id", notNullValue());
        assertEquals(0, new BigDecimal("10.00").compareTo(payeeColumn(p, "spent_today")));
        assertEquals(1, audits("USAGE_PAYOUT_FAILED", p));

        // other refusals map to the synchronous codes
        String closed = key();
        FakePaymentService.reject(payoutKey("user:" + user, closed), "ESCROW_NOT_ACTIVE");
        post(sender, "/spend", closed, spendBody(e, "LAB", "1.00")).then().statusCode(409).body("error.code", equalTo("ESCROW_NOT_ACTIVE"));
        assertEquals(1, audits("USAGE_ESCROW_CLOSED", p));
        String inError = key();
        FakePaymentService.reject(payoutKey("user:" + user, inError), "PAYMENT_IN_ERROR");
        post(sender, "/spend", inError, spendBody(e, "LAB", "1.00")).then().statusCode(409).body("error.code", equalTo("PAYMENT_IN_ERROR"));
        assertEquals(1, audits("USAGE_PAYOUT_REJECTED", p));
        assertEquals(0, new BigDecimal("10.00").compareTo(payeeColumn(p, "spent_total")));
    }

    @Test
    void dailyResetAtTheUtcDateBoundary() {
        long user = 4106;
        String sender = TestTokens.sender(56, user);
        long e = fundedEscrow("user:" + user, "1000.00");
        long p = payee(e, "PHARMACY", 50, null);
        clock.set(Instant.parse("2031-03-10T23:59:59Z"));
        String before = key();
        FakePaymentService.hold(payoutKey("user:" + user, before));
        post(sender, "/spend", before, spendBody(e, "PHARMACY", "50.00")).then().statusCode(200);
        post(sender, "/spend", key(), spendBody(e, "PHARMACY", "0.01")).then().statusCode(409).body("error.code", equalTo("DAILY_LIMIT_REACHED"));
        as(admin()).get("/spend/allowed/" + p).then().body("spent_today", equalTo("50.00")).body("last_reset_at", equalTo("2031-03-10"));

        // one second later it is another UTC day
        clock.advance(Duration.ofSeconds(1));
        as(admin()).get("/spend/allowed/" + p).then().body("spent_today", equalTo("0.00"));
        post(sender, "/spend", key(), spendBody(e, "PHARMACY", "30.00")).then().statusCode(200);
        as(admin()).get("/spend/allowed/" + p).then().body("spent_today", equalTo("30.00")).body("spent_total", equalTo("80.00"))
                .body("last_reset_at", equalTo("2031-03-11"));

        // yesterday's reservation is refused now: only the total gives it back, today's counter keeps today's spends
        String payout = payoutKey("user:" + user, before);
        FakePaymentService.publish(EventTypes.PAYOUT_REJECTED, e, null, "50.00", "REJECTED", payout, "INSUFFICIENT_ESCROW_BALANCE", "PHARMACY", null);
        awaitTrue(() -> TestDb.count("select count(*) from usage_spends where payout_key = ? and status = 'RELEASED'", payout) == 1);
        as(admin()).get("/spend/allowed/" + p).then().body("spent_today", equalTo("30.00")).body("spent_total", equalTo("30.00"));
        post(sender, "/spend", key(), spendBody(e, "PHARMACY", "20.01")).then().statusCode(409).body("error.code", equalTo("DAILY_LIMIT_REACHED"));
        post(sender, "/spend", key(), spendBody(e, "PHARMACY", "20.00")).then().statusCode(200);

        // AC-057: a counter left at the limit yesterday does not block today
        clock.reset();
        long p2 = payee(e, "PHARMACY-2", 50, null);
        TestDb.update("update allowed_payees set spent_today = 50, spent_total = 50, last_reset_at = current_date - 1 where id = ?", p2);
        post(sender, "/spend", key(), spendBody(e, "PHARMACY-2", 30)).then().statusCode(200);
        as(admin()).get("/spend/allowed/" + p2).then().body("spent_today", equalTo("30.00")).body("spent_total", equalTo("80.00"));
    }

    @Test
    void escrowNotYetCreatedIsNotFoundUntilItsCreationArrives() {
        long user = 4107;
        String sender = TestTokens.sender(57, user);
        long id = 78_000 + (System.nanoTime() % 900);
        // deposit first (redelivered under another event id), then the creation: the deposit counts once
        SpendFixtures.publishDeposit(id, 88_000 + id, "70.00", "FUNDED");
        SpendFixtures.publishDeposit(id, 88_000 + id, "70.00", "FUNDED");
        awaitTrue(() -> TestDb.count("select count(*) from escrow_deposit_views where escrow_id = ?", id) == 1);
        post(sender, "/spend", key(), spendBody(id, "ANY", 1)).then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        TestEvents.publish(Topics.ESCROW, String.valueOf(id), EventTypes.ESCROW_CREATED, ("{\"escrow_id\":%d,\"owner_principal\":\"user:%d\","
                + "\"client_id\":1,\"provider_id\":2,\"amount_total\":\"70.00\",\"currency\":\"USD\",\"domain\":\"private\","
                + "\"status\":\"DRAFT\",\"deadline_at\":\"2030-01-01T00:00:00Z\"}").formatted(id, user));
        awaitTrue(() -> TestDb.count("select count(*) from escrow_views where escrow_id = ? and owner_principal is not null", id) == 1);
        assertEquals("FUNDED", TestDb.query("select status from escrow_views where escrow_id = ?", id).get(0).get("status"));
        payee(id, "ANY", null, null);
        post(sender, "/spend", key(), spendBody(id, "ANY", "70.01")).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        post(sender, "/spend", key(), spendBody(id, "ANY", "70.00")).then().statusCode(200).body("status", equalTo("SETTLED"));
    }
}
