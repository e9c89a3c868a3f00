package com.kobatela.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** The balance ledger is fed by escrow events exactly once per deposit; {@code GET /escrows/{id}/balance} follows ownership. */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class BalanceLedgerTest {

    private static ValidatableResponse balance(String token, long escrowId) {
        return given().auth().oauth2(token).get("/escrows/" + escrowId + "/balance").then();
    }

    private static void awaitDeposited(String token, long escrowId, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(token).get("/escrows/" + escrowId + "/balance");
            return r.statusCode() == 200 && expected.equals(r.path("deposited"));
        });
    }

    @Test
    void depositsAreCreditedOncePerEventAndPerDeposit() {
        long user = PaymentTestData.nextId();
        long escrowId = PaymentTestData.nextId();
        String owner = TestTokens.sender(PaymentTestData.nextId(), user);
        PaymentTestData.escrowCreated(escrowId, "user:" + user, "500.00", "USD");
        String eventId = UUID.randomUUID().toString();
        long depositId = PaymentTestData.nextId();
        PaymentTestData.escrowDeposited(eventId, escrowId, depositId, "100.00", "USD");
        PaymentTestData.escrowDeposited(eventId, escrowId, depositId, "100.00", "USD");
        PaymentTestData.escrowDeposited(UUID.randomUUID().toString(), escrowId, depositId, "100.00", "USD");
        String second = UUID.randomUUID().toString();
        PaymentTestData.escrowDeposited(second, escrowId, PaymentTestData.nextId(), "50.5", "USD");

        awaitDeposited(owner, escrowId, "150.50");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> PaymentTestData.queryLong(
                "select count(*) from processed_events where consumer = 'payment-service' and event_id = ?", second) == 1);
        balance(owner, escrowId).statusCode(200)
                .body("escrow_id", equalTo((int) escrowId))
                .body("currency", equalTo("USD"))
                .body("deposited", equalTo("150.50"))
                .body("debited", equalTo("0.00"))
                .body("available", equalTo("150.50"));
        assertEquals(2, PaymentTestData.queryLong("select count(*) from ledger_entries where escrow_id = ? and kind = 'CREDIT'", escrowId));
        assertEquals(1, PaymentTestData.queryLong("select count(*) from ledger_entries where source_ref = ?", "deposit:" + depositId));
    }

    @Test
    void ownershipAndScopes() {
        long user = PaymentTestData.nextId();
        long escrowId = PaymentTestData.nextId();
        String owner = TestTokens.sender(PaymentTestData.nextId(), user);
        PaymentTestData.escrowCreated(escrowId, "user:" + user, "20", "EUR");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(owner).get("/escrows/" + escrowId + "/balance").statusCode() == 200);
        balance(owner, escrowId).statusCode(200).body("currency", equalTo("EUR")).body("deposited", equalTo("0.00"))
                .body("available", equalTo("0.00"));
        balance(TestTokens.sender(PaymentTestData.nextId(), PaymentTestData.nextId()), escrowId).statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND")).body("error.message", equalTo("Escrow not found."));
        balance(TestTokens.sender(PaymentTestData.nextId(), user), escrowId).statusCode(200);
        balance(TestTokens.support(PaymentTestData.nextId()), escrowId).statusCode(200).body("escrow_id", equalTo((int) escrowId));
        balance(TestTokens.admin(PaymentTestData.nextId()), escrowId).statusCode(200);
        balance(TestTokens.admin(PaymentTestData.nextId()), 987_654_321L).statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
    }

    @Test
    void keyOwnedEscrowIsVisibleToThatKeyOnly() {
        long keyId = PaymentTestData.nextId();
        long escrowId = PaymentTestData.nextId();
        PaymentTestData.escrowCreated(escrowId, "apikey:" + keyId, "20", "USD");
        String keyOnly = TestTokens.token("sender", keyId, null);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(keyOnly).get("/escrows/" + escrowId + "/balance").statusCode() == 200);
        balance(TestTokens.token("sender", PaymentTestData.nextId(), null), escrowId).statusCode(404);
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        long user = PaymentTestData.nextId();
        long escrowId = PaymentTestData.nextId();
        String owner = TestTokens.sender(PaymentTestData.nextId(), user);
        String poisonId = UUID.randomUUID().toString();
        PaymentTestData.escrowCreated(escrowId, "user:" + user, "10", "USD");
        PaymentTestData.publish(Topics.ESCROW, String.valueOf(escrowId),
                PaymentTestData.headers(poisonId, "escrow.deposited.v1", escrowId), "{\"escrow_id\": oops");
        PaymentTestData.escrowDeposited(UUID.randomUUID().toString(), escrowId, PaymentTestData.nextId(), "10", "USD");
        awaitDeposited(owner, escrowId, "10.00");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                PaymentTestData.readAll(Topics.dlq(Topics.ESCROW)).stream().anyMatch(r -> poisonId.equals(PaymentTestData.header(r, "ce_id"))));
        assertEquals(0, PaymentTestData.queryLong("select count(*) from processed_events where event_id = ?", poisonId));
    }

    @Test
    void otherEventTypesAreMarkedProcessedAndIgnored() {
        long escrowId = PaymentTestData.nextId();
        String id = UUID.randomUUID().toString();
        // milestone events are escrow-service's business (status changes, by contrast, are recorded: PayoutFlowTest)
        PaymentTestData.publish(Topics.ESCROW, String.valueOf(escrowId), PaymentTestData.headers(id, "escrow.milestone-created.v1", escrowId),
                "{\"escrow_id\": " + escrowId + "}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> PaymentTestData.queryLong(
                "select count(*) from processed_events where consumer = 'payment-service' and event_id = ?", id) == 1);
        assertEquals(0, PaymentTestData.queryLong("select count(*) from escrow_balances where escrow_id = ?", escrowId));
    }

    @Test
    void internalJwtIsRequired() {
        given().get("/escrows/1/balance").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        for (String token : new String[] {TestTokens.signedByOtherKey("admin"), TestTokens.expired("admin"),
                TestTokens.wrongAudience("admin"), TestTokens.unsigned("admin")}) {
            given().auth().oauth2(token).get("/escrows/1/balance").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        }
    }

    @Test
    void openApiDocumentsTheBalanceEndpoint() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/escrows/{escrowId}/balance'.get.responses.'404'.description",
                        equalTo("ESCROW_NOT_FOUND: unknown escrow, or another principal's escrow for a sender key"));
    }

}
