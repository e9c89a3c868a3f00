package com.kobatela.psp.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** Signed webhooks: what is sent after a payout, headers and signature, retries, manual outcomes, test events. */
@QuarkusTest
class WebhookTest {

    private static final String SECRET = "whsec-" + UUID.randomUUID();
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        given().contentType(ContentType.JSON).post("/sandbox/reset").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void target(WebhookReceiver r, Map<String, Object> extra) {
        receiver = r;
        Map<String, Object> body = new java.util.HashMap<>(Map.of("target_url", r.url(), "secret", SECRET, "delay_ms", 0,
                "retry_backoff_ms", 50));
        body.putAll(extra);
        given().contentType(ContentType.JSON).body(body).post("/sandbox/webhooks").then().statusCode(200)
                .body("target_url", equalTo(r.url()));
    }

    private static void awaitDelivery(String eventId, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                state.equals(given().get("/sandbox/deliveries/{id}", eventId).then().extract().path("state")));
    }

    @Test
    void acceptedPayoutIsSettledBySignedWebhook() {
        target(new WebhookReceiver(), Map.of());
        String key = UUID.randomUUID().toString();
        String ref = PayoutResourceTest.postPayout(PayoutResourceTest.payout(key, "12.50"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received r = receiver.received().get(0);
        JsonObject body = new JsonObject(r.body());
        assertEquals("payment.settled", body.getString("type"));
        assertEquals(ref, body.getString("psp_ref"));
        assertEquals(key, body.getString("idempotency_key"));
        assertEquals("12.50", body.getString("amount"));
        assertEquals(body.getString("event_id"), r.headers().get("x-psp-event-id"));
        assertEquals(ref, r.headers().get("x-psp-ref"));
        String ts = r.headers().get("x-psp-timestamp");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) < 60);
        assertEquals(WebhookSigner.sign(SECRET, ts, r.body().getBytes(StandardCharsets.UTF_8)), r.headers().get("x-psp-signature"));
        awaitDelivery(body.getString("event_id"), "delivered");
        given().get("/payouts/{ref}", ref).then().body("status", equalTo("settled"));
        given().get("/sandbox/webhooks").then().body("enabled", equalTo(true))
                .body("secret_fingerprint", equalTo(WebhookSigner.fingerprint(SECRET)));
        // a replayed payout call answers the current status and sends no second webhook
        given().contentType(ContentType.JSON).body(PayoutResourceTest.payout(key, "12.50")).post("/payouts").then().statusCode(200)
                .body("psp_ref", equalTo(ref)).body("status", equalTo("settled"));
        given().get("/sandbox/stats").then().body("webhooks_delivered", equalTo(1));
    }

    @Test
    void nonSuccessAnswersAreRetriedWithAFreshSignature() {
        target(new WebhookReceiver().answering(500, 401), Map.of("outcome", "failed"));
        String ref = PayoutResourceTest.postPayout(PayoutResourceTest.payout(UUID.randomUUID().toString(), "1.00"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 3);
        String eventId = receiver.received().get(0).headers().get("x-psp-event-id");
        awaitDelivery(eventId, "delivered");
        for (WebhookReceiver.Received r : receiver.received()) {
            assertEquals(eventId, r.headers().get("x-psp-event-id"));
            assertEquals("payment.failed", new JsonObject(r.body()).getString("type"));
            assertEquals(WebhookSigner.sign(SECRET, r.headers().get("x-psp-timestamp"), r.body().getBytes(StandardCharsets.UTF_8)),
                    r.headers().get("x-psp-signature"));
        }
        given().get("/sandbox/deliveries/{id}", eventId).then().body("attempts", equalTo(3)).body("last_status", equalTo(200));
        given().get("/payouts/{ref}", ref).then().body("status", equalTo("failed"));
    }

    @Test
    void deliveryGivesUpAfterMaxAttempts() {
        target(new WebhookReceiver().answering(503, 503, 503), Map.of("max_attempts", 2));
        PayoutResourceTest.postPayout(PayoutResourceTest.payout(UUID.randomUUID().toString(), "2.00"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 2);
        String eventId = receiver.received().get(0).headers().get("x-psp-event-id");
        awaitDelivery(eventId, "gave_up");
        given().get("/sandbox/deliveries/{id}", eventId).then().body("last_status", equalTo(503));
    }

    @Test
    void outcomesCanBeReportedByHandWithAChosenEventId() {
        target(new WebhookReceiver(), Map.of("outcome", "none"));
        String ref = PayoutResourceTest.postPayout(PayoutResourceTest.payout(UUID.randomUUID().toString(), "3.00"));
        given().contentType(ContentType.JSON).body(Map.of("event_id", "evt-fixed")).post("/sandbox/payouts/{ref}/settle", ref)
                .then().statusCode(202).body("event_id", equalTo("evt-fixed")).body("type", equalTo("payment.settled"));
        awaitDelivery("evt-fixed", "delivered");
        given().post("/sandbox/payouts/{ref}/fail", "PSP-unknown").then().statusCode(404);
        assertEquals(1, receiver.received().size());
    }

    @Test
    void signedTestEventForMonitoring() {
        target(new WebhookReceiver(), Map.of());
        String eventId = given().contentType(ContentType.JSON).body(Map.of("type", "test.ping")).post("/sandbox/events")
                .then().statusCode(202).extract().path("event_id");
        awaitDelivery(eventId, "delivered");
        WebhookReceiver.Received r = receiver.received().get(0);
        assertEquals("test.ping", new JsonObject(r.body()).getString("type"));
        assertEquals(WebhookSigner.sign(SECRET, r.headers().get("x-psp-timestamp"), r.body().getBytes(StandardCharsets.UTF_8)),
                r.headers().get("x-psp-signature"));
        given().contentType(ContentType.JSON).body(Map.of("psp_ref", "x")).post("/sandbox/events").then().statusCode(400)
                .body("error.field", equalTo("type"));
    }

    @Test
    void withoutSecretNothingIsSent() {
        target(new WebhookReceiver(), Map.of("secret", ""));
        given().get("/sandbox/webhooks").then().body("enabled", equalTo(false));
        String eventId = given().contentType(ContentType.JSON).body(Map.of("type", "test.ping")).post("/sandbox/events")
                .then().statusCode(202).extract().path("event_id");
        awaitDelivery(eventId, "gave_up");
        assertEquals(0, receiver.received().size());
    }
}
