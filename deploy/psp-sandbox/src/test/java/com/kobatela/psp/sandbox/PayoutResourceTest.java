package com.kobatela.psp.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PayoutResourceTest {

    @BeforeEach
    void reset() {
        given().contentType(ContentType.JSON).post("/sandbox/reset").then().statusCode(200);
    }

    private static Map<String, Object> payout(String key, String amount) {
        return Map.of("idempotency_key", key, "amount", amount, "currency", "USD", "beneficiary", "provider-42");
    }

    private static String postPayout(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/payouts")
                .then().statusCode(200)
                .body("status", equalTo("accepted"))
                .body("psp_ref", matchesPattern("PSP-[0-9a-f-]{36}"))
                .extract().path("psp_ref");
    }

    @Test
    void samePayoutKeyGivesSamePspRef() {
        String key = UUID.randomUUID().toString();
        String first = postPayout(payout(key, "10.00"));
        String again = postPayout(payout(key, "10"));
        assertEquals(first, again);
        assertNotEquals(first, postPayout(payout(UUID.randomUUID().toString(), "10.00")));

        given().get("/payouts/{ref}", first).then().statusCode(200)
                .body("psp_ref", equalTo(first))
                .body("idempotency_key", equalTo(key))
                .body("amount", equalTo("10.00"))
                .body("currency", equalTo("USD"));
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
    }

    @Test
    void unknownPayoutIs404() {
        given().get("/payouts/PSP-nope").then().statusCode(404).body("error.code", equalTo("PAYOUT_NOT_FOUND"));
    }

    @Test
    void failModeAnswers502AndRecordsNothing() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "fail"))
                .post("/sandbox/mode").then().statusCode(200).body("mode", equalTo("fail"));
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(payout(key, "10.00")).post("/payouts")
                .then().statusCode(502).contentType(ContentType.JSON)
                .body("error.code", equalTo("PSP_UNAVAILABLE"));

        given().contentType(ContentType.JSON).body(Map.of("mode", "ok")).post("/sandbox/mode").then().statusCode(200);
        postPayout(payout(key, "10.00"));
    }

    @Test
    void slowModeDelaysTheAnswer() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "slow", "delay_ms", 300))
                .post("/sandbox/mode").then().statusCode(200).body("delay_ms", equalTo(300));
        long start = System.nanoTime();
        postPayout(payout(UUID.randomUUID().toString(), "5.00"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        org.hamcrest.MatcherAssert.assertThat(elapsedMs, greaterThanOrEqualTo(300L));
    }

    @Test
    void unknownModeIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "explode"))
                .post("/sandbox/mode").then().statusCode(400).body("error.field", equalTo("mode"));
    }

    @Test
    void answersReadiness() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
