package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole payout saga through the gateway only, with the PSP sandbox (issues 4 and 5): escrow → deposit → photo
 * proof (auto-approved or reviewed) → milestone PAYING → payout sent to the PSP → milestone PAID → escrow RELEASED →
 * signed {@code payment.settled} webhook from the sandbox through the gateway → payment SETTLED, ledger debited.
 * Covers AC-028, AC-031, AC-032, the blocked-payout path after a PSP refusal, and the ownership of payments (AC-073).
 */
class PayoutSagaE2eTest extends E2eTestBase {

    /** A partner: its sender client, client and provider users. */
    private record Partner(E2eHttp api, long client, long provider) {
    }

    private static Partner partner() {
        long client = user("saga-client");
        long provider = user("saga-provider");
        return new Partner(as(key("sender", client)), client, provider);
    }

    private static long escrow(Partner p, String total) {
        E2eHttp.Result r = once(p.api(), "/escrows", Map.of("client_id", p.client(), "provider_id", p.provider(), "amount_total", total,
                "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z"));
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    private static long milestone(long escrow, int idx, String amount, String kind, double[] geofence) {
        Map<String, Object> body = new HashMap<>(Map.of("label", "Phase " + idx, "amount", amount, "currency", "USD",
                "sequence_index", idx, "proof_kind", kind));
        if (geofence != null) {
            body.put("geofence_lat", geofence[0]);
            body.put("geofence_lng", geofence[1]);
            body.put("geofence_radius_m", geofence[2]);
        }
        E2eHttp.Result r = admin().postJson("/escrows/" + escrow + "/milestones", body);
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    private static void deposit(Partner p, long escrow, String amount) {
        E2eHttp.Result r = p.api().postJson("/escrows/" + escrow + "/deposit", Map.of("amount", amount), "Idempotency-Key",
                "dep-" + UUID.randomUUID());
        assertEquals(200, r.status(), r.body());
    }

    /** {@code CLEAN(lat, lng)} of acceptance.md with {@code source}. */
    private static Map<String, Object> photoMetadata(double lat, double lng, String source, long minutesAgo) {
        return Map.of("exif_timestamp", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                "gps_lat", lat, "gps_lng", lng, "source", source);
    }

    /** {@code POST /proofs}, retried while proof-service has not yet received the milestone (it comes through Kafka). */
    private static E2eHttp.Result proof(Partner p, long escrow, int idx, Map<String, Object> metadata) {
        Map<String, Object> body = new HashMap<>(Map.of("escrow_id", escrow, "milestone_idx", idx, "type", "PHOTO",
                "storage_url", "https://example.com/p.jpg", "sha256", UUID.randomUUID().toString().replace("-", "")));
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return Poll.poll(EVENTUALLY, () -> p.api().postJson("/proofs", body),
                r -> !(r.status() == 404 && ("MILESTONE_NOT_FOUND".equals(code(r)) || "ESCROW_NOT_FOUND".equals(code(r)))));
    }

    private static JsonNode awaitMilestone(Partner p, long milestone, String status) {
        return Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/milestones/" + milestone).json(),
                m -> status.equals(m.path("status").asText()));
    }

    private static JsonNode awaitEscrow(Partner p, long escrow, String status) {
        return Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/" + escrow).json(), e -> status.equals(e.path("status").asText()));
    }

    private static JsonNode payments(Partner p, long escrow) {
        E2eHttp.Result r = p.api().get("/escrows/" + escrow + "/payments");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Waits until every payment of the escrow is SETTLED (the sandbox settles by webhook about 1 s after paying). */
    private static JsonNode awaitSettled(Partner p, long escrow, int count) {
        return Poll.poll(EVENTUALLY, () -> payments(p, escrow), list -> {
            if (list.size() != count) {
                return false;
            }
            for (JsonNode pay : list) {
                if (!"SETTLED".equals(pay.path("status").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<String> kinds(Partner p, long escrow) {
        List<String> kinds = new ArrayList<>();
        p.api().get("/escrows/" + escrow + "/events").json().forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    private static void assertBalance(Partner p, long escrow, String deposited, String debited, String available) {
        JsonNode b = Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/" + escrow + "/balance").json(),
                x -> debited.equals(x.path("debited").asText()) && deposited.equals(x.path("deposited").asText()));
        assertEquals(available, b.path("available").asText(), b.toString());
        assertEquals("0.00", b.path("reserved").asText(), b.toString());
    }

    /** AC-028, then the sandbox's signed settlement webhook through the gateway, the ledger and ownership. */
    @Test
    void autoApprovedPhotoIsPaidReleasedAndSettled() {
        Partner p = partner();
        long e = escrow(p, "1000.00");
        long m = milestone(e, 1, "250.00", "PHOTO", new double[] {5.3210, -4.0123, 400});
        deposit(p, e, "250.00");

        E2eHttp.Result proof = proof(p, e, 1, photoMetadata(5.3211, -4.0122, "app", 0));
        assertEquals(201, proof.status(), proof.body());
        assertEquals("APPROVED", proof.json().path("status").asText());

        awaitMilestone(p, m, "PAID");
        JsonNode escrow = awaitEscrow(p, e, "RELEASED");
        assertEquals("RELEASED", escrow.path("status").asText());
        JsonNode list = payments(p, e);
        assertEquals(1, list.size(), list.toString());
        JsonNode pay = list.get(0);
        assertEquals(m, pay.path("milestone_id").asLong());
        assertEquals("250.00", pay.path("amount").asText());
        assertTrue(List.of("SENT", "SETTLED").contains(pay.path("status").asText()), pay.toString());
        assertFalse(pay.path("psp_ref").isNull() || pay.path("psp_ref").asText().isEmpty(), pay.toString());

        // the sandbox settles the payout with a signed webhook that enters through the gateway
        JsonNode settled = awaitSettled(p, e, 1).get(0);
        assertEquals(pay.path("id").asLong(), settled.path("id").asLong());
        assertEquals("SETTLED", p.api().get("/payments/" + pay.path("id").asLong()).json().path("status").asText());
        Poll.poll(EVENTUALLY, () -> kinds(p, e), k -> k.contains("PAYMENT_SETTLED"));
        List<String> kinds = kinds(p, e);
        assertTrue(kinds.containsAll(List.of("DEPOSIT", "CLOSED", "PAYMENT_SETTLED")), kinds.toString());
        JsonNode closed = null;
        for (JsonNode ev : p.api().get("/escrows/" + e + "/events").json()) {
            if ("CLOSED".equals(ev.path("kind").asText())) {
                closed = ev;
            }
        }
        assertTrue(closed != null && closed.toString().contains("all_milestones_paid"), String.valueOf(closed));
        assertBalance(p, e, "250.00", "250.00", "0.00");

        // another sender sees none of it
        Partner stranger = partner();
        assertError(404, "ESCROW_NOT_FOUND", stranger.api().get("/escrows/" + e + "/payments"));
        assertError(404, "PAYMENT_NOT_FOUND", stranger.api().get("/payments/" + pay.path("id").asLong()));
        assertError(404, "PAYMENT_NOT_FOUND", stranger.api().postJson("/payments/execute/" + pay.path("id").asLong(), Map.of()));
    }

    /** AC-031: three geofenced milestones, the second through manual review by a support key. */
    @Test
    void threeMilestonesAutoAndManualReview() {
        Partner p = partner();
        String support = key("support", null);
        long e = escrow(p, "1000.00");
        double[] fence = {5.1, -4.1, 300};
        long m1 = milestone(e, 1, "120.00", "PHOTO", fence);
        long m2 = milestone(e, 2, "180.00", "PHOTO", fence);
        long m3 = milestone(e, 3, "200.00", "PHOTO", fence);
        deposit(p, e, "500.00");

        E2eHttp.Result first = proof(p, e, 1, photoMetadata(5.1001, -4.0999, "app", 0));
        assertEquals("APPROVED", first.json().path("status").asText(), first.body());
        awaitMilestone(p, m1, "PAID");

        E2eHttp.Result second = proof(p, e, 2, photoMetadata(5.1002, -4.0998, "unknown", 20));
        assertEquals(201, second.status(), second.body());
        assertEquals("PENDING", second.json().path("status").asText());
        assertEquals("UNTRUSTED_SOURCE", second.json().path("metadata").path("review_reason").asText());
        awaitMilestone(p, m2, "PENDING_REVIEW");
        E2eHttp.Result decided = as(support).postJson("/proofs/" + second.json().path("id").asLong() + "/decision",
                Map.of("decision", "approved"));
        assertEquals(200, decided.status(), decided.body());
        assertEquals("APPROVED", decided.json().path("status").asText());
        assertEquals(actor(support), decided.json().path("ai_reviewed_by").asText());
        awaitMilestone(p, m2, "PAID");

        E2eHttp.Result third = proof(p, e, 3, photoMetadata(5.1001, -4.0999, "camera", 0));
        assertEquals("APPROVED", third.json().path("status").asText(), third.body());
        awaitMilestone(p, m3, "PAID");
        awaitEscrow(p, e, "RELEASED");
        JsonNode all = awaitSettled(p, e, 3);
        assertEquals(List.of(m1, m2, m3), List.of(all.get(0).path("milestone_id").asLong(), all.get(1).path("milestone_id").asLong(),
                all.get(2).path("milestone_id").asLong()));
        assertBalance(p, e, "500.00", "500.00", "0.00");
    }

    /** AC-032: a proof without metadata goes to review; approval pays; manual execution of a SENT payment is a no-op. */
    @Test
    void proofWithoutMetadataIsReviewedThenPaid() {
        Partner p = partner();
        long e = escrow(p, "500.00");
        long m = milestone(e, 1, "500.00", "PHOTO", null);
        deposit(p, e, "500.00");

        E2eHttp.Result proof = proof(p, e, 1, null);
        assertEquals(201, proof.status(), proof.body());
        assertEquals("PENDING", proof.json().path("status").asText());
        assertEquals("MISSING_METADATA", proof.json().path("metadata").path("review_reason").asText());
        awaitMilestone(p, m, "PENDING_REVIEW");
        E2eHttp.Result decided = admin().postJson("/proofs/" + proof.json().path("id").asLong() + "/decision",
                Map.of("decision", "approved", "note", "Looks good"));
        assertEquals(200, decided.status(), decided.body());
        awaitMilestone(p, m, "PAID");
        awaitEscrow(p, e, "RELEASED");
        JsonNode pay = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 1).get(0);
        E2eHttp.Result executed = p.api().postJson("/payments/execute/" + pay.path("id").asLong(), Map.of());
        assertEquals(200, executed.status(), executed.body());
        assertTrue(List.of("SENT", "SETTLED").contains(executed.json().path("status").asText()), executed.body());
        assertEquals(1, payments(p, e).size());
    }

    /**
     * A PSP that refuses the payout: the payment ends in ERROR, the milestone goes back to APPROVED (PAYOUT_BLOCKED);
     * once the PSP accepts again, the escrow's next deposit asks for the payout under a new key and it is paid once.
     */
    @Test
    void refusedPayoutIsBlockedThenPaidAfterTheNextDeposit() {
        PaymentSandbox sandbox = new PaymentSandbox(stack());
        Partner p = partner();
        long e = escrow(p, "300.00");
        long m = milestone(e, 1, "100.00", "PHOTO", null);
        deposit(p, e, "300.00");
        sandbox.mode("reject", 0);
        try {
            E2eHttp.Result proof = proof(p, e, 1, photoMetadata(5.0, -4.0, "app", 0));
            assertEquals("APPROVED", proof.json().path("status").asText(), proof.body());
            Poll.poll(EVENTUALLY, () -> kinds(p, e), k -> k.contains("PAYOUT_BLOCKED"));
            awaitMilestone(p, m, "APPROVED");
            JsonNode failed = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 1 && "ERROR".equals(l.get(0).path("status").asText()));
            assertEquals("ERROR", failed.get(0).path("status").asText());
        } finally {
            sandbox.mode("ok", 0);
        }
        deposit(p, e, "1.00");
        awaitMilestone(p, m, "PAID");
        awaitEscrow(p, e, "RELEASED");
        JsonNode list = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 2 && "SETTLED".equals(l.get(1).path("status").asText()));
        assertEquals("ERROR", list.get(0).path("status").asText());
        assertTrue(list.get(1).path("idempotency_key").asText().endsWith("|try:2"), list.toString());
        assertBalance(p, e, "301.00", "100.00", "201.00");
    }
}
