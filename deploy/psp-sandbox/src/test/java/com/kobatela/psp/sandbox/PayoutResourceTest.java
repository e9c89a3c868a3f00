package com.kobatela.psp.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The PSP side of the sandbox: idempotent payouts and the answer modes. */
@QuarkusTest
class PayoutResourceTest {

    @BeforeEach
    void reset() {
        given().contentType(ContentType.JSON).post("/sandbox/reset").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("outcome", "none")).post("/sandbox/webhooks").then().statusCode(200);
    }

    static Map<String, Object> payout(String key, String amount) {
        return Map.of("idempotency_key", key, "amount", amount, "currency", "USD", "beneficiary", "provider-42");
    }

    static String postPayout(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/payouts")
                .then().statusCode(200)
                .body("status", equalTo("accepted"))
                .body("psp_ref", matchesPattern("PSP-[0-9a-f-]{36}"))
                .extract().path("psp_ref");
    }

    private static void mode(String mode, long delayMs) {
        given().contentType(ContentType.JSON).body(Map.of("mode", mode, "delay_ms", delayMs))
                .post("/sandbox/mode").then().statusCode(200).body("mode", equalTo(mode));
    }

    @Test
    void samePayoutKeyGivesSamePspRef() {
        String key = UUID.randomUUID().toString();
        String first = postPayout(payout(key, "10.00"));
        given().contentType(ContentType.JSON).body(payout(key, "10")).post("/payouts").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("psp_ref", equalTo(first));
        assertNotEquals(first, postPayout(payout(UUID.randomUUID().toString(), "10.00")));

        given().get("/payouts/{ref}", first).then().statusCode(200)
                .body("psp_ref", equalTo(first))
                .body("idempotency_key", equalTo(key))
                .body("amount", equalTo("10.00"))
                .body("currency", equalTo("USD"));
        given().queryParam("idempotency_key", key).get("/payouts").then().statusCode(200).body("psp_ref", equalTo(first));
        given().get("/sandbox/stats").then().statusCode(200).body("payout_calls", equalTo(3)).body("payouts", equalTo(2));
    }

    @Test
    void keyMayComeInTheHeader() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amount", "5.00", "currency", "EUR", "beneficiary", "payee-1");
        String ref = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/payouts")
                .then().statusCode(200).header("Idempotent-Replayed", "false").extract().path("psp_ref");
        assertEquals(ref, postPayout(Map.of("idempotency_key", key, "amount", "5", "currency", "EUR", "beneficiary", "payee-1")));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "other").body(payout(key, "5.00")).post("/payouts")
                .then().statusCode(400).body("error.field", equalTo("idempotency_key"));
    }

    @Test
    void sameKeyWithOtherAmountIsRefused() {
        String key = UUID.randomUUID().toString();
        postPayout(payout(key, "10.00"));
        given().contentType(ContentType.JSON).body(payout(key, "11.00")).post("/payouts")
                .then().statusCode(409).body("error.code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void invalidBodyIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00", "currency", "usd"))
                .post("/payouts")
                .then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.field", equalTo("idempotency_key"));
        given().contentType(ContentType.JSON).body(payout("k", "-1")).post("/payouts")
                .then().statusCode(400).body("error.field", equalTo("amount"));
        given().contentType(ContentType.JSON).body("[1]").post("/payouts")
                .then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"));
        given().contentType(ContentType.JSON).body("{oops").post("/payouts")
                .then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void unknownPayoutIs404() {
        given().get("/payouts/PSP-nope").then().statusCode(404).body("error.code", equalTo("PAYOUT_NOT_FOUND"));
        given().queryParam("idempotency_key", "nope").get("/payouts").then().statusCode(404);
    }

    @Test
    void failModeAnswers502AndRecordsNothing() {
        mode("fail", 0);
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(payout(key, "10.00")).post("/payouts")
                .then().statusCode(502).contentType(ContentType.JSON)
                .body("error.code", equalTo("PSP_UNAVAILABLE"));
        given().queryParam("idempotency_key", key).get("/payouts").then().statusCode(404);

        mode("ok", 0);
        postPayout(payout(key, "10.00"));
    }

    @Test
    void rejectModeRefusesNewPayoutsButReplaysKnownOnes() {
        String known = UUID.randomUUID().toString();
        String ref = postPayout(payout(known, "3.00"));
        mode("reject", 0);
        given().contentType(ContentType.JSON).body(payout(UUID.randomUUID().toString(), "3.00")).post("/payouts")
                .then().statusCode(422).body("error.code", equalTo("PAYOUT_REJECTED"));
        given().contentType(ContentType.JSON).body(payout(known, "3.00")).post("/payouts")
                .then().statusCode(200).body("psp_ref", equalTo(ref));
    }

    @Test
    void hangModeRecordsThePayoutAndAnswersLateWith504() {
        mode("hang", 0);
        String key = UUID.randomUUID().toString();
        long start = System.nanoTime();
        given().contentType(ContentType.JSON).body(payout(key, "7.00")).post("/payouts")
                .then().statusCode(504).body("error.code", equalTo("PSP_TIMEOUT"));
        org.hamcrest.MatcherAssert.assertThat((System.nanoTime() - start) / 1_000_000, greaterThanOrEqualTo(1500L));
        mode("ok", 0);
        String ref = given().queryParam("idempotency_key", key).get("/payouts").then().statusCode(200).extract().path("psp_ref");
        assertEquals(ref, postPayout(payout(key, "7.00")));
    }

    @Test
    void slowModeDelaysTheAnswer() {
        mode("slow", 300);
        given().get("/sandbox/mode").then().body("delay_ms", equalTo(300));
        long start = System.nanoTime();
        postPayout(payout(UUID.randomUUID().toString(), "5.00"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        org.hamcrest.MatcherAssert.assertThat(elapsedMs, greaterThanOrEqualTo(300L));
    }

    @Test
    void unknownModeIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "explode"))
                .post("/sandbox/mode").then().statusCode(400).body("error.field", equalTo("mode"));
        given().contentType(ContentType.JSON).body(Map.of("mode", "slow", "delay_ms", -1))
                .post("/sandbox/mode").then().statusCode(400).body("error.field", equalTo("delay_ms"));
    }

    @Test
    void answersReadiness() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
