package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.awaitPayment;
import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.eventually;
import static com.kobatela.payment.PaymentTestData.json;
import static com.kobatela.payment.PaymentTestData.nextId;
import static com.kobatela.payment.PaymentTestData.payment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.psp.sandbox.WebhookSigner;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * {@code POST /psp/webhook} (spec rules.md#psp-webhook, api.md#7.2, acceptance K: AC-074..AC-082): codes in their
 * order, constant-time HMAC over {@code timestamp + "." + raw body} with the primary and the next secret (rotated in
 * files without restart), skew 300 s, replay guard in the database, stored before acted on, acted on once, settle and
 * fail with the FIX for a failure after settlement. Signatures are computed with the sandbox's own signer.
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class WebhookTest {

    @BeforeEach
    void setUp() {
        Psp.reset();
        WebhookSecretFiles.reset();
    }

    @AfterEach
    void tearDown() {
        WebhookSecretFiles.reset();
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static RequestSpecification signed(String body, String ts, String secret) {
        return given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-PSP-Timestamp", ts)
                .header("X-PSP-Signature", WebhookSigner.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static ValidatableResponse post(RequestSpecification r) {
        return r.post("/psp/webhook").then();
    }

    private static ValidatableResponse send(String body) {
        return post(signed(body, now(), WebhookSecretFiles.PRIMARY));
    }

    /** A SENT payment of 100.00 on a fresh escrow funded with 300.00; returns its row. */
    private static Map<String, Object> sentPayment() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "300.00");
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "100.00", "USD");
        return awaitPayment(key, "SENT");
    }

    private static long storedEvents(String eventId) {
        return TestDb.count("select count(*) from psp_webhook_events where event_id = ?", eventId);
    }

    @Test
    void settlementIsAppliedOnceAndTheReplayRefused() {
        Map<String, Object> p = sentPayment();
        String ref = (String) p.get("psp_ref");
        String eventId = "evt-psp-" + UUID.randomUUID();
        String body = "{\"type\":\"payment.settled\",\"psp_ref\":\"" + ref + "\"}";
        String ts = Instant.now().getEpochSecond() + ".25";
        post(signed(body, ts, WebhookSecretFiles.PRIMARY).header("X-PSP-Event-Id", eventId).header("X-PSP-Ref", ref))
                .statusCode(200).body("ok", equalTo("true")).body("event_id", equalTo(eventId))
                .body("processed_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        Map<String, Object> settled = payment((String) p.get("idempotency_key"));
        assertEquals("SETTLED", settled.get("status"));
        assertEquals("psp_webhook", settled.get("settlement_source"));
        assertEquals(1, storedEvents(eventId));
        Map<String, Object> stored = TestDb.query("select provider, kind, psp_ref, signed_with, outcome, processed_at, raw_json::text as raw"
                + " from psp_webhook_events where event_id = ?", eventId).get(0);
        assertEquals("default", stored.get("provider"));
        assertEquals("payment.settled", stored.get("kind"));
        assertEquals(ref, stored.get("psp_ref"));
        assertEquals("primary", stored.get("signed_with"));
        assertEquals("SETTLED", stored.get("outcome"));
        assertEquals("payment.settled", json((String) stored.get("raw")).path("type").asText());
        Map<String, Object> audit = TestDb.query("select actor, data_json::text as data from audit_logs where action = 'PAYMENT_SETTLED'"
                + " and entity_id = ?", p.get("id")).get(0);
        assertEquals("psp_webhook", audit.get("actor"));
        JsonNode data = json((String) audit.get("data"));
        assertEquals("default", data.path("provider").asText());
        assertEquals(eventId, data.path("event_id").asText());
        assertEquals(eventId, data.path("psp_event_id").asText());
        assertEquals("payment.settled", data.path("psp_status").asText());
        assertEquals("100.00", data.path("amount").asText());
        JsonNode event = json(PaymentTestData.paymentEvents((String) p.get("idempotency_key"), 2).stream()
                .filter(r -> "payment.settled.v1".equals(TestEvents.header(r, "ce_type"))).findFirst().orElseThrow().value());
        assertEquals("psp_webhook", event.path("source").asText());
        assertEquals("SETTLED", event.path("status").asText());

        post(signed(body, ts, WebhookSecretFiles.PRIMARY).header("X-PSP-Event-Id", eventId).header("X-PSP-Ref", ref))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_REPLAY"));
        assertEquals(1, storedEvents(eventId));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_SETTLED' and entity_id = ?", p.get("id")));
    }

    @Test
    void signatureAndTimestampChecks() {
        String body = "{\"type\":\"payment.settled\",\"event_id\":\"evt-" + UUID.randomUUID() + "\"}";
        post(given().contentType("application/json").body(body).header("X-PSP-Timestamp", now()).header("X-PSP-Signature", "bad-signature"))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_SIGNATURE_INVALID"));
        // signed, then one byte changed
        String ts = now();
        post(given().contentType("application/json").body(body.replace("settled", "settleD")).header("X-PSP-Timestamp", ts)
                .header("X-PSP-Signature", WebhookSigner.sign(WebhookSecretFiles.PRIMARY, ts, body.getBytes(StandardCharsets.UTF_8))))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_SIGNATURE_INVALID"));
        post(given().contentType("application/json").body(body).header("X-PSP-Signature", "abc"))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_SIGNATURE_MISSING"));
        post(given().contentType("application/json").body(body).header("X-PSP-Timestamp", now()))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_SIGNATURE_MISSING"));
        post(signed(body, "abc", WebhookSecretFiles.PRIMARY)).statusCode(401).body("error.code", equalTo("WEBHOOK_TIMESTAMP_INVALID"));
        String old = String.valueOf(Instant.now().getEpochSecond() - 400);
        post(signed(body, old, WebhookSecretFiles.PRIMARY)).statusCode(401).body("error.code", equalTo("WEBHOOK_TIMESTAMP_DRIFT"))
                .body("error.details.max_drift_seconds", equalTo(300))
                .body("error.details.age_seconds", org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        // a stale timestamp is refused before the signature is even looked at
        post(given().contentType("application/json").body(body).header("X-PSP-Timestamp", old).header("X-PSP-Signature", "bad"))
                .statusCode(401).body("error.code", equalTo("WEBHOOK_TIMESTAMP_DRIFT"));
        // inside the window, in the future, and as ISO-8601 signed over that exact string
        post(signed("{\"type\":\"x\",\"id\":\"evt-" + UUID.randomUUID() + "\"}", String.valueOf(Instant.now().getEpochSecond() + 100),
                WebhookSecretFiles.PRIMARY)).statusCode(200);
        String iso = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        post(signed("{\"type\":\"x\",\"id\":\"evt-" + UUID.randomUUID() + "\"}", iso, WebhookSecretFiles.PRIMARY)).statusCode(200);
        // the raw bytes are what is signed: unusual spacing and key order are fine
        post(signed("{ \"id\" :\"evt-" + UUID.randomUUID() + "\",\n  \"type\":\"x\"  }", now(), WebhookSecretFiles.PRIMARY)
                .contentType("text/plain")).statusCode(200);
        // upper-case hex is the same signature
        String upper = "{\"type\":\"x\",\"id\":\"evt-" + UUID.randomUUID() + "\"}";
        String t2 = now();
        post(given().body(upper).header("X-PSP-Timestamp", t2)
                .header("X-PSP-Signature", WebhookSigner.sign(WebhookSecretFiles.PRIMARY, t2, upper.getBytes(StandardCharsets.UTF_8)).toUpperCase()))
                .statusCode(200);
    }

    @Test
    void rotationWithTheNextSecretAppliesWithoutRestart() {
        WebhookSecretFiles.set(null, "next-secret");
        String body = "{\"type\":\"payment.settled\"}";
        String eventId = "evt-rot-" + UUID.randomUUID();
        post(signed(body, now(), "next-secret").header("X-PSP-Event-Id", eventId)).statusCode(200).body("event_id", equalTo(eventId));
        assertEquals("next", TestDb.query("select signed_with from psp_webhook_events where event_id = ?", eventId).get(0).get("signed_with"));
        post(signed(body, now(), WebhookSecretFiles.PRIMARY).header("X-PSP-Event-Id", "evt-" + UUID.randomUUID())).statusCode(401)
                .body("error.code", equalTo("WEBHOOK_SIGNATURE_INVALID"));
        // both during the switch, then the next one promoted to primary
        WebhookSecretFiles.set(WebhookSecretFiles.PRIMARY, "next-secret");
        post(signed(body, now(), WebhookSecretFiles.PRIMARY).header("X-PSP-Event-Id", "evt-" + UUID.randomUUID())).statusCode(200);
        post(signed(body, now(), "next-secret").header("X-PSP-Event-Id", "evt-" + UUID.randomUUID())).statusCode(200);
        WebhookSecretFiles.set("next-secret", null);
        post(signed(body, now(), "next-secret").header("X-PSP-Event-Id", "evt-" + UUID.randomUUID())).statusCode(200);
    }

    @Test
    void missingSecretAnswers503() {
        WebhookSecretFiles.set(null, null);
        post(given().contentType("application/json").body("{}")).statusCode(503).body("error.code", equalTo("WEBHOOK_SECRET_NOT_CONFIGURED"));
    }

    @Test
    void bodyAndEventIdErrors() {
        post(signed("{\"type\":\"payment.settled\"}", now(), WebhookSecretFiles.PRIMARY)).statusCode(400)
                .body("error.code", equalTo("MISSING_EVENT_ID")).body("error.message", equalTo("Webhook event_id is required."));
        post(signed("not json at all", now(), WebhookSecretFiles.PRIMARY)).statusCode(400).body("error.code", equalTo("INVALID_PAYLOAD"));
        post(signed("[{\"id\":\"x\"}]", now(), WebhookSecretFiles.PRIMARY)).statusCode(400).body("error.code", equalTo("INVALID_PAYLOAD"));
        post(signed("{\"id\":\"x\"} trailing", now(), WebhookSecretFiles.PRIMARY)).statusCode(400).body("error.code", equalTo("INVALID_PAYLOAD"));
        post(signed("", now(), WebhookSecretFiles.PRIMARY)).statusCode(400).body("error.code", equalTo("INVALID_PAYLOAD"));
        post(signed("{\"id\":\"" + "x".repeat(101) + "\"}", now(), WebhookSecretFiles.PRIMARY)).statusCode(400)
                .body("error.code", equalTo("INVALID_PAYLOAD")).body("error.field", equalTo("event_id"));
        post(signed("{\"id\":\"nul-" + UUID.randomUUID() + "\",\"note\":\"a\\u0000b\"}", now(), WebhookSecretFiles.PRIMARY)).statusCode(400)
                .body("error.code", equalTo("INVALID_PAYLOAD"));
    }

    @Test
    void replayWithinTheWindowIs401AndAStoredEventAfterItIs409() throws Exception {
        String eventId = "evt-recent-" + UUID.randomUUID();
        String body = "{\"type\":\"unknown.kind\",\"event_id\":\"" + eventId + "\"}";
        String ts = now();
        String sig = WebhookSigner.sign(WebhookSecretFiles.PRIMARY, ts, body.getBytes(StandardCharsets.UTF_8));
        // five identical deliveries at once: one accepted, the others refused as replays, one stored row
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return given().contentType("application/json").body(body).header("X-PSP-Timestamp", ts).header("X-PSP-Signature", sig)
                        .post("/psp/webhook").statusCode();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(1, storedEvents(eventId));

        // after the 300 s window, a re-delivery of the stored event (fresh timestamp) is a 409
        TestDb.update("update psp_webhook_events set received_at = now() - interval '301 seconds' where event_id = ?", eventId);
        send(body).statusCode(409).body("error.code", equalTo("WEBHOOK_REPLAY"));
        assertEquals(1, storedEvents(eventId));
    }

    @Test
    void failureIsAppliedAndFieldPrecedenceHolds() {
        Map<String, Object> p = sentPayment();
        String ref = (String) p.get("psp_ref");
        long escrowId = ((Number) p.get("escrow_id")).longValue();
        String bodyEvent = "body-evt-" + UUID.randomUUID();
        post(signed("{\"type\":\"payment.failed\",\"psp_ref\":\"" + ref + "\",\"event_id\":\"" + bodyEvent + "\",\"failure_code\":\"ACCOUNT_CLOSED\"}",
                now(), WebhookSecretFiles.PRIMARY).header("X-PSP-Event-Id", "hdr-evt-" + UUID.randomUUID()))
                .statusCode(200).body("event_id", equalTo(bodyEvent));
        Map<String, Object> failed = payment((String) p.get("idempotency_key"));
        assertEquals("ERROR", failed.get("status"));
        assertEquals("PSP_FAILED", failed.get("reason_code"));
        Map<String, Object> audit = TestDb.query("select actor, data_json->>'psp_ref' as ref, data_json->>'previous_status' as prev,"
                + " data_json->>'external_error' as e from audit_logs where action = 'PAYMENT_FAILED' and entity_id = ?", p.get("id")).get(0);
        assertEquals("psp", audit.get("actor"));
        assertEquals(ref, audit.get("ref"));
        assertEquals("SENT", audit.get("prev"));
        assertEquals("ACCOUNT_CLOSED", audit.get("e"));
        JsonNode event = json(PaymentTestData.paymentEvents((String) p.get("idempotency_key"), 2).stream()
                .filter(r -> "payment.failed.v1".equals(TestEvents.header(r, "ce_type"))).findFirst().orElseThrow().value());
        assertEquals("PSP_FAILED", event.path("reason_code").asText());
        // the debit is given back
        var b = balance(escrowId);
        assertEquals(new BigDecimal("0.00"), b.get("debited"));
        assertEquals(new BigDecimal("300.00"), b.get("available"));
        assertEquals(1, TestDb.count("select count(*) from ledger_entries where source_ref = ? and kind = 'REVERSAL'", "payment:" + p.get("id") + ":reversal"));

        String weird = "id-evt-" + UUID.randomUUID();
        send("{\"type\":\"weird\",\"id\":\"" + weird + "\",\"provider\":\"acme\"}").statusCode(200).body("event_id", equalTo(weird));
        Map<String, Object> stored = TestDb.query("select provider, kind, outcome from psp_webhook_events where event_id = ?", weird).get(0);
        assertEquals("acme", stored.get("provider"));
        assertEquals("weird", stored.get("kind"));
        assertEquals("STORED", stored.get("outcome"));
        // the same event id under another provider is another event
        send("{\"type\":\"weird\",\"id\":\"" + weird + "x\",\"provider\":\"other\"}").statusCode(200);
    }

    @Test
    void failureAfterSettlementKeepsTheSettlementAndRaisesAnAlert() {
        Map<String, Object> p = sentPayment();
        String ref = (String) p.get("psp_ref");
        send("{\"type\":\"payment_succeeded\",\"payment_reference\":\"" + ref + "\",\"id\":\"s-" + UUID.randomUUID() + "\"}").statusCode(200);
        assertEquals("SETTLED", payment((String) p.get("idempotency_key")).get("status"));
        send("{\"type\":\"payment_failed\",\"psp_ref\":\"" + ref + "\",\"id\":\"f-" + UUID.randomUUID() + "\"}").statusCode(200);
        assertEquals("SETTLED", payment((String) p.get("idempotency_key")).get("status"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_FAILED_AFTER_SETTLEMENT' and entity_id = ?",
                p.get("id")));
        assertEquals(0, TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_FAILED' and entity_id = ?", p.get("id")));
        assertTrue(PaymentTestData.paymentTopic().stream().noneMatch(r -> "payment.failed.v1".equals(TestEvents.header(r, "ce_type"))
                && ref.equals(json(r.value()).path("psp_ref").asText())));
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*kobatela_payment_alerts_total\\{[^}]*type=\"PAYMENT_FAILED_AFTER_SETTLEMENT\"[^}]*\\}.*"));
    }

    @Test
    void sandboxWebhooksThroughTheWholeLoop() {
        Psp.webhooks(Map.of("outcome", "settled", "delay_ms", 200));
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        String key = PaymentTestData.payoutRequested(escrowId, nextId(), "40.00", "USD");
        Map<String, Object> settled = awaitPayment(key, "SETTLED");
        assertEquals("psp_webhook", settled.get("settlement_source"));
        String eventId = (String) TestDb.query("select event_id from psp_webhook_events where psp_ref = ?", settled.get("psp_ref"))
                .get(0).get("event_id");
        eventually(() -> "delivered".equals(Psp.delivery(eventId).get("state")));

        // the signed test event for monitoring is accepted and stored only
        String ping = Psp.sendEvent("test.ping");
        eventually(() -> "delivered".equals(Psp.delivery(ping).get("state")));
        assertEquals("TEST_PING", TestDb.query("select outcome from psp_webhook_events where event_id = ?", ping).get(0).get("outcome"));
    }

    @Test
    void settlementThatArrivesBeforeTheAcceptanceIsRecordedIsAppliedLater() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        String key = "pay|escrow:" + escrowId + "|ms:early|" + UUID.randomUUID();
        // the PSP accepted our call and settled it, but our instance crashed before recording SENT
        String ref = Psp.acceptDirectly(key, "25.00", "USD", "user:2");
        String eventId = Psp.report(ref, true, null);
        eventually(() -> "delivered".equals(Psp.delivery(eventId).get("state")));
        assertEquals("NO_PAYMENT", TestDb.query("select outcome from psp_webhook_events where event_id = ?", eventId).get(0).get("outcome"));
        TestDb.update("update escrow_balances set reserved = reserved + 25 where escrow_id = ?", escrowId);
        TestDb.update("insert into payments (escrow_id, amount, currency, status, idempotency_key, source, beneficiary, requested_by,"
                + " psp_attempts, next_attempt_at, created_at, updated_at) values (?, 25.00, 'USD', 'PENDING', ?, 'milestone', 'user:2',"
                + " 'system:test', 1, now() - interval '1 second', now(), now())", escrowId, key);
        Map<String, Object> settled = awaitPayment(key, "SETTLED");
        assertEquals(ref, settled.get("psp_ref"));
        assertEquals("SETTLED_LATE", TestDb.query("select outcome from psp_webhook_events where event_id = ?", eventId).get(0).get("outcome"));
        assertEquals(1, Psp.payouts());
    }

    @Test
    void stripeIsDisabledAndRejectionsAreCounted() {
        given().contentType("application/json").body("{}").header("Stripe-Signature", "t=1,v1=x").post("/psp/stripe/webhook").then()
                .statusCode(503).body("error.code", equalTo("STRIPE_DISABLED"));
        post(given().contentType("application/json").body("{}").header("X-PSP-Timestamp", now()).header("X-PSP-Signature", "bad"))
                .statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*kobatela_psp_webhook_rejections_total\\{[^}]*reason=\"WEBHOOK_SIGNATURE_INVALID\"[^}]*\\}.*"))
                .body(containsString("kobatela_payouts_total"));
    }
}
