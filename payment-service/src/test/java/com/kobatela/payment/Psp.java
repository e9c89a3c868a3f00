package com.kobatela.payment;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Drives the in-process PSP sandbox over its HTTP control API (the same calls work on the local stack's sandbox). */
public final class Psp {

    private Psp() {
    }

    /** The sandbox base URL. */
    public static String url() {
        return ConfigProvider.getConfig().getValue("kobatela.test.psp-sandbox.url", String.class);
    }

    /**
     * Forgets payouts and deliveries, mode ok, and sends webhooks to this service: outcome {@code none} (tests settle or
     * fail by hand or set another outcome), signed with the primary test secret, no delay.
     */
    public static void reset() {
        given().baseUri(url()).post("/sandbox/reset").then().statusCode(200);
        webhooks(Map.of("outcome", "none"));
    }

    /** Changes the webhook settings (target and secret default to this service and the primary test secret). */
    public static void webhooks(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("target_url", "http://127.0.0.1:" + RestAssured.port + "/psp/webhook",
                "secret", WebhookSecretFiles.PRIMARY, "delay_ms", 0, "retry_backoff_ms", 200));
        body.putAll(settings);
        given().baseUri(url()).contentType(ContentType.JSON).body(body).post("/sandbox/webhooks").then().statusCode(200);
    }

    /** Sets the payout answer mode ({@code ok}, {@code fail}, {@code reject}, {@code hang}, {@code slow}). */
    public static void mode(String mode, long delayMs) {
        given().baseUri(url()).contentType(ContentType.JSON).body(Map.of("mode", mode, "delay_ms", delayMs))
                .post("/sandbox/mode").then().statusCode(200);
    }

    /** Payout calls received since the last reset. */
    public static int calls() {
        return given().baseUri(url()).get("/sandbox/stats").then().statusCode(200).extract().path("payout_calls");
    }

    /** Payouts recorded since the last reset. */
    public static int payouts() {
        return given().baseUri(url()).get("/sandbox/stats").then().statusCode(200).extract().path("payouts");
    }

    /** The payout recorded for an idempotency key, or null. */
    public static JsonPath payoutByKey(String key) {
        var r = given().baseUri(url()).queryParam("idempotency_key", key).get("/payouts");
        return r.statusCode() == 200 ? r.jsonPath() : null;
    }

    /** Records a payout directly (as if an earlier call of ours had reached the PSP); returns its psp_ref. */
    public static String acceptDirectly(String key, String amount, String currency, String beneficiary) {
        return given().baseUri(url()).contentType(ContentType.JSON)
                .body(Map.of("idempotency_key", key, "amount", amount, "currency", currency, "beneficiary", beneficiary))
                .post("/payouts").then().statusCode(200).extract().path("psp_ref");
    }

    /** Reports a payout's outcome by signed webhook now; returns the event id. */
    public static String report(String pspRef, boolean settled, String eventId) {
        Map<String, Object> body = eventId == null ? Map.of() : Map.of("event_id", eventId);
        return given().baseUri(url()).contentType(ContentType.JSON).body(body)
                .post("/sandbox/payouts/{ref}/" + (settled ? "settle" : "fail"), pspRef).then().statusCode(202).extract().path("event_id");
    }

    /** Sends a signed event of any type (e.g. {@code test.ping}); returns the event id. */
    public static String sendEvent(String type) {
        return given().baseUri(url()).contentType(ContentType.JSON).body(Map.of("type", type)).post("/sandbox/events")
                .then().statusCode(202).extract().path("event_id");
    }

    /** The delivery state of a webhook event ({@code pending}, {@code delivered}, {@code gave_up}) and its last status. */
    public static Map<String, Object> delivery(String eventId) {
        return given().baseUri(url()).get("/sandbox/deliveries/{id}", eventId).then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** Every delivery. */
    public static List<Map<String, Object>> deliveries() {
        return given().baseUri(url()).get("/sandbox/deliveries").then().statusCode(200).extract().jsonPath().getList("");
    }
}
