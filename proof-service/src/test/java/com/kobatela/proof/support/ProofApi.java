package com.kobatela.proof.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Drives proof-service in service tests as escrow-service, payment-service and the gateway would: escrow,
 * deposit, milestone and payment events on the test broker (read models), and HTTP calls with internal JWTs.
 */
public final class ProofApi {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);
    /** The user the sender key acts for (owner of every escrow made here). */
    public static final long OWNER = 10;
    /** A sender of {@link #OWNER}. */
    public static final String SENDER = TestTokens.sender(1, OWNER);
    /** A sender of another user. */
    public static final String OTHER_SENDER = TestTokens.sender(2, 11);
    /** A support key (prefix {@code koba_000003}). */
    public static final String SUPPORT = TestTokens.support(3);
    /** An admin key. */
    public static final String ADMIN = TestTokens.admin(4);

    private ProofApi() {
    }

    /** A fresh id. */
    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Milestone id of milestone {@code idx} of an escrow made by {@link #escrow}. */
    public static long milestoneId(long escrowId, int idx) {
        return escrowId * 100 + idx;
    }

    /**
     * Publishes an escrow owned by {@link #OWNER}, an optional deposit and milestones ({@code "amount:TYPE"} or
     * {@code "amount:TYPE:radius"} for a geofence centred on 5.0, -4.0), and waits for the read models.
     */
    public static long escrow(String deposit, String... milestones) {
        long escrowId = nextId();
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.ESCROW_CREATED, created(escrowId));
        if (deposit != null) {
            deposit(escrowId, nextId(), deposit);
        }
        int idx = 1;
        for (String m : milestones) {
            String[] parts = m.split(":");
            String geofence = parts.length > 2 ? ",\"geofence_lat\":5.0,\"geofence_lng\":-4.0,\"geofence_radius_m\":" + parts[2] : "";
            TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.MILESTONE_CREATED, """
                    {"milestone_id":%d,"escrow_id":%d,"idx":%d,"label":"m%d","amount":"%s","currency":"USD","proof_type":"%s",
                     "proof_requirements":{"expected_amount":"%s","expected_currency":"USD"},"status":"WAITING"%s}"""
                    .formatted(milestoneId(escrowId, idx), escrowId, idx, idx, parts[0], parts[1], parts[0], geofence));
            idx++;
        }
        int expected = milestones.length;
        BigDecimal deposited = new BigDecimal(deposit == null ? "0" : deposit);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count("select count(*) from milestone_views where escrow_id = ?", escrowId) == expected
                && TestDb.count("select count(*) from escrow_views where escrow_id = ? and deposited = ?", escrowId, deposited) == 1);
        return escrowId;
    }

    /** The EscrowCreated payload of an escrow owned by {@link #OWNER}. */
    public static String created(long escrowId) {
        return """
                {"escrow_id":%d,"owner_principal":"user:%d","client_id":1,"provider_id":2,"amount_total":"1000.00",
                 "currency":"USD","domain":"private","status":"DRAFT","deadline_at":"2030-01-01T00:00:00Z"}""".formatted(escrowId, OWNER);
    }

    /** Publishes an EscrowDeposited (does not wait). */
    public static String deposit(long escrowId, long depositId, String amount) {
        return TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.ESCROW_DEPOSITED, depositJson(escrowId, depositId, amount));
    }

    /** The EscrowDeposited payload. */
    public static String depositJson(long escrowId, long depositId, String amount) {
        return """
                {"escrow_id":%d,"deposit_id":%d,"amount":"%s","currency":"USD","idempotency_key":"k%d","escrow_status":"FUNDED"}"""
                .formatted(escrowId, depositId, amount, depositId);
    }

    /** Publishes a MilestoneStatusChanged and waits until the read model shows it. */
    public static void milestoneStatus(long escrowId, int idx, String from, String to) {
        long id = milestoneId(escrowId, idx);
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.MILESTONE_STATUS_CHANGED, """
                {"milestone_id":%d,"escrow_id":%d,"idx":%d,"old_status":"%s","new_status":"%s"}""".formatted(id, escrowId, idx, from, to));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count(
                "select count(*) from milestone_views where milestone_id = ? and status = ?", id, to) == 1);
    }

    /** Publishes a payment event (type e.g. {@code payment.sent.v1}) without waiting; returns its event id. */
    public static String payment(long escrowId, long paymentId, Long milestoneId, String amount, String status, String type) {
        return TestEvents.publish(Topics.PAYMENT, String.valueOf(escrowId), type, """
                {"payment_id":%d,"escrow_id":%d,"milestone_id":%s,"amount":"%s","currency":"USD","psp_ref":"PSP-%d","status":"%s",
                 "source":"milestone","idempotency_key":"pay|%d","reason_code":null,"payee_ref":null,"note":null}"""
                .formatted(paymentId, escrowId, milestoneId == null ? "null" : milestoneId.toString(), amount, paymentId, status, paymentId));
    }

    /** Waits until an event id has been consumed by proof-service. */
    public static void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count("select count(*) from processed_events where event_id = ?", eventId) == 1);
    }

    /** Clean photo metadata (trusted source) taken at {@code at}, with two PII fields to check masking. */
    public static String clean(Instant at, double lat, double lng) {
        return """
                {"exif_timestamp":"%s","gps_lat":%s,"gps_lng":%s,"source":"app","supplier_name":"ACME","phone":"+33 6 12 34 56 78"}"""
                .formatted(at, lat, lng);
    }

    /** {@code POST /proofs} with a random sha256 and {@code https://example.com/p.jpg}. */
    public static Response submit(String token, long escrowId, int idx, String type, String metadata) {
        return submit(token, escrowId, idx, type, UUID.randomUUID().toString(), "https://example.com/p.jpg", metadata);
    }

    /** {@code POST /proofs}; {@code metadata} is JSON text or null (absent). */
    public static Response submit(String token, long escrowId, int idx, String type, String sha256, String storageUrl, String metadata) {
        String md = metadata == null ? "" : ",\"metadata\":" + metadata;
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"escrow_id\":%d,\"milestone_idx\":%d,\"type\":\"%s\",\"storage_url\":\"%s\",\"sha256\":\"%s\"%s}"
                        .formatted(escrowId, idx, type, storageUrl, sha256, md))
                .post("/proofs");
    }

    /** {@code POST /proofs/{id}/decision}; {@code note} may be null. */
    public static Response decide(String token, long proofId, String decision, String note) {
        String body = note == null ? "{\"decision\":\"%s\"}".formatted(decision)
                : "{\"decision\":\"%s\",\"note\":\"%s\"}".formatted(decision, note);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/proofs/" + proofId + "/decision");
    }
}
