package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Escrow lifecycle and milestones through the gateway only (issue 4, escrow-service half): users and keys, an escrow,
 * milestones created with the admin key (and their errors), a deposit, milestone and timeline reads, mark-delivered,
 * client-approve, client-reject, check-deadline, invalid transitions, another sender refused with 404, and a photo proof
 * moving its milestone through escrow-service's proof consumer. Covers AC-014, AC-016, AC-017, AC-018, AC-026, AC-027
 * and the escrow part of AC-073; public-sector projects (AC-088 to AC-091, [BEYOND SEED SCOPE]).
 */
class EscrowLifecycleE2eTest extends E2eTestBase {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    /** A partner: its sender key, client and provider users. */
    private record Partner(E2eHttp api, long client, long provider) {
    }

    private static long newUser(String role, String publicTag) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        E2eHttp.Result r = admin().postJson("/users", Map.of("username", name, "email", name + "@example.com", "public_tag", publicTag));
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    private static Partner partner(String publicTag) {
        long client = newUser("client", publicTag);
        long provider = newUser("provider", "private");
        E2eHttp.Result key = admin().postJson("/apikeys", Map.of("name", "escrow-e2e", "scope", "sender", "user_id", client));
        assertEquals(201, key.status(), key.body());
        return new Partner(gateway().withApiKey(key.json().path("key").asText()), client, provider);
    }

    private static Partner partner() {
        return partner("private");
    }

    private static long escrow(Partner p, String total, String deadline) {
        return escrow(p, total, deadline, "private");
    }

    private static long escrow(Partner p, String total, String deadline, String domain) {
        Map<String, Object> body = Map.of("client_id", p.client(), "provider_id", p.provider(), "amount_total", total, "currency", "USD",
                "release_conditions", Map.of("delivery", "signed"), "deadline_at", deadline, "domain", domain);
        // users reach escrow-service through Kafka: retry while its replica does not know them yet
        E2eHttp.Result r = Poll.poll(EVENTUALLY, () -> p.api().postJson("/escrows", body), res -> res.status() != 404);
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    private static E2eHttp.Result milestone(E2eHttp who, long escrowId, int idx, String amount, String currency, String kind) {
        return who.postJson("/escrows/" + escrowId + "/milestones", Map.of("label", "Phase " + idx, "amount", amount, "currency", currency,
                "sequence_index", idx, "proof_kind", kind, "proof_requirements", Map.of()));
    }

    private static List<String> kinds(E2eHttp who, long escrowId) {
        E2eHttp.Result r = who.get("/escrows/" + escrowId + "/events");
        assertEquals(200, r.status(), r.body());
        List<String> kinds = new ArrayList<>();
        r.json().forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    private static String status(E2eHttp.Result r) {
        assertEquals(200, r.status(), r.body());
        return r.json().path("status").asText();
    }

    @Test
    void escrowMilestonesAndLifecycleThroughTheGateway() {
        Partner p = partner();
        Partner stranger = partner();
        long e = escrow(p, "1000.00", "2030-01-01T00:00:00Z");
        String base = "/escrows/" + e;

        // milestones: admin only, currency, total and sequence checks
        E2eHttp.Result m1 = milestone(admin(), e, 1, "300.00", "USD", "PHOTO");
        assertEquals(201, m1.status(), m1.body());
        assertEquals("WAITING", m1.json().path("status").asText());
        assertEquals("300.00", m1.json().path("amount").asText());
        long m1Id = m1.json().path("id").asLong();
        assertEquals(201, milestone(admin(), e, 2, "200.00", "usd", "PDF").status());
        assertEquals("MILESTONE_SEQUENCE_EXISTS", code(milestone(admin(), e, 1, "10.00", "USD", "PHOTO")));
        assertEquals("MILESTONE_TOTAL_EXCEEDS_ESCROW", code(milestone(admin(), e, 3, "500.01", "USD", "PHOTO")));
        assertEquals("MILESTONE_CURRENCY_MISMATCH", code(milestone(admin(), e, 3, "10.00", "EUR", "PHOTO")));
        E2eHttp.Result bySender = milestone(p.api(), e, 3, "10.00", "USD", "PHOTO");
        assertEquals(403, bySender.status(), bySender.body());
        assertEquals("INSUFFICIENT_SCOPE", code(bySender));
        assertEquals(422, milestone(admin(), e, 0, "10.00", "USD", "PHOTO").status());

        E2eHttp.Result list = p.api().get(base + "/milestones");
        assertEquals(200, list.status(), list.body());
        assertEquals(2, list.json().size());
        assertEquals(1, list.json().get(0).path("sequence_index").asInt());
        assertEquals("PDF", list.json().get(1).path("proof_kind").asText());
        assertEquals("USD", list.json().get(1).path("currency").asText());
        E2eHttp.Result one = p.api().get("/escrows/milestones/" + m1Id);
        assertEquals(200, one.status(), one.body());
        assertEquals(e, one.json().path("escrow_id").asLong());
        assertEquals("MILESTONE_NOT_FOUND", code(p.api().get("/escrows/milestones/999999999")));

        // the other sender sees nothing of it
        assertEquals("ESCROW_NOT_FOUND", code(stranger.api().get(base)));
        assertEquals("ESCROW_NOT_FOUND", code(stranger.api().get(base + "/milestones")));
        assertEquals("MILESTONE_NOT_FOUND", code(stranger.api().get("/escrows/milestones/" + m1Id)));
        for (String action : List.of("mark-delivered", "client-approve", "client-reject", "check-deadline")) {
            E2eHttp.Result r = stranger.api().postJson(base + "/" + action, Map.of());
            assertEquals(404, r.status(), action + ": " + r.body());
            assertEquals("ESCROW_NOT_FOUND", code(r));
        }

        // DRAFT refuses delivery and approval (FIX)
        assertEquals("ESCROW_INVALID_STATE", code(p.api().postJson(base + "/client-approve", Map.of())));
        assertEquals("ESCROW_INVALID_STATE", code(p.api().postJson(base + "/mark-delivered", Map.of())));

        assertEquals("FUNDED", status(p.api().postJson(base + "/deposit", Map.of("amount", "1000.00"), "Idempotency-Key", "e2e-dep-" + e)));
        assertEquals("FUNDED", status(p.api().postJson(base + "/check-deadline", null)));
        assertEquals("RELEASABLE", status(p.api().postJson(base + "/mark-delivered",
                Map.of("note", "proof uploaded", "proof_url", "http://example.com/proof"))));
        assertEquals("RELEASABLE", status(p.api().postJson(base + "/mark-delivered", Map.of())));
        E2eHttp.Result badBody = p.api().postJson(base + "/client-approve", Map.of("note", 5));
        assertEquals(422, badBody.status(), badBody.body());
        assertEquals("VALIDATION_ERROR", code(badBody));
        assertEquals("RELEASED", status(p.api().postJson(base + "/client-approve", Map.of("note", "looks good"))));
        assertEquals("RELEASED", status(p.api().postJson(base + "/client-reject", null)));
        assertEquals("RELEASED", status(p.api().get(base)));
        assertEquals(List.of("DEPOSIT", "PROOF_UPLOADED", "CLIENT_APPROVED"), kinds(p.api(), e));
        assertEquals("ESCROW_NOT_ACTIVE", code(p.api().postJson(base + "/deposit", Map.of("amount", "1.00"), "Idempotency-Key", "late-" + e)));
    }

    @Test
    void rejectionCancelsOrRefundsAndTheDeadlineReleases() {
        Partner p = partner();
        long draft = escrow(p, "50.00", "2030-01-01T00:00:00Z");
        assertEquals("CANCELLED", status(p.api().postJson("/escrows/" + draft + "/client-reject", Map.of("note", "no longer needed"))));
        assertEquals("CANCELLED", status(p.api().postJson("/escrows/" + draft + "/client-reject", null)));
        assertEquals("ESCROW_INVALID_STATE", code(p.api().postJson("/escrows/" + draft + "/client-approve", null)));
        assertEquals(List.of("CLIENT_REJECTED"), kinds(p.api(), draft));

        long funded = escrow(p, "50.00", "2030-01-01T00:00:00Z");
        assertEquals("FUNDED", status(p.api().postJson("/escrows/" + funded + "/deposit", Map.of("amount", 50), "Idempotency-Key", "f-" + funded)));
        assertEquals("REFUNDED", status(p.api().postJson("/escrows/" + funded + "/client-reject", Map.of())));

        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        long due = escrow(p, "50.00", past);
        assertEquals("DRAFT", status(p.api().postJson("/escrows/" + due + "/check-deadline", null)));
        assertEquals("FUNDED", status(p.api().postJson("/escrows/" + due + "/deposit", Map.of("amount", 50), "Idempotency-Key", "d-" + due)));
        assertEquals("RELEASED", status(p.api().postJson("/escrows/" + due + "/check-deadline", null)));
        E2eHttp.Result events = p.api().get("/escrows/" + due + "/events");
        JsonNode approved = events.json().get(1);
        assertEquals("CLIENT_APPROVED", approved.path("kind").asText(), events.body());
        assertTrue(approved.path("data_json").path("note").isNull(), events.body());
    }

    @Test
    void aProofEventMovesTheMilestoneThroughEscrowService() {
        Partner p = partner();
        long e = escrow(p, "100.00", "2030-01-01T00:00:00Z");
        E2eHttp.Result m = milestone(admin(), e, 1, "100.00", "USD", "PHOTO");
        assertEquals(201, m.status(), m.body());
        long mid = m.json().path("id").asLong();
        assertEquals("FUNDED", status(p.api().postJson("/escrows/" + e + "/deposit", Map.of("amount", "100.00"), "Idempotency-Key", "p-" + e)));

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("exif_timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
        metadata.put("gps_lat", 5.0);
        metadata.put("gps_lng", -4.0);
        metadata.put("source", "app");
        Map<String, Object> proof = Map.of("escrow_id", e, "milestone_idx", 1, "type", "PHOTO", "storage_url", "https://example.com/p.jpg",
                "sha256", UUID.randomUUID().toString().replace("-", ""), "metadata", metadata);
        // proof-service learns the milestone and the deposit through Kafka: retry while it does not know them yet
        E2eHttp.Result submitted = Poll.poll(EVENTUALLY, () -> p.api().postJson("/proofs", proof),
                r -> r.status() != 404 && r.status() != 409);
        assertEquals(201, submitted.status(), submitted.body());
        assertEquals("APPROVED", submitted.json().path("status").asText(), submitted.body());

        // escrow-service applies ProofApproved: APPROVED → PAYING (then PAID once payment-service pays it)
        JsonNode milestone = Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/milestones/" + mid).json(),
                j -> Set.of("PAYING", "PAID").contains(j.path("status").asText()));
        assertEquals(mid, milestone.path("id").asLong());
    }

    @Test
    void publicSectorProjectsForGovUsersOnly() {
        Partner gov = partner("GOV");
        Partner priv = partner();
        E2eHttp.Result refused = priv.api().postJson("/kct_public/projects", Map.of("label", "Wells", "project_type", "water",
                "country", "CI", "domain", "public"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("PUBLIC_ACCESS_FORBIDDEN", code(refused));

        E2eHttp.Result created = gov.api().postJson("/kct_public/projects", Map.of("label", "Wells", "project_type", "water",
                "country", "CI", "city", "Abidjan", "domain", "public"));
        assertEquals(201, created.status(), created.body());
        long project = created.json().path("id").asLong();
        long e = escrow(gov, "750.00", "2030-01-01T00:00:00Z", "public");
        E2eHttp.Result attached = gov.api().postJson("/kct_public/projects/" + project + "/mandates", Map.of("escrow_id", e));
        assertEquals(201, attached.status(), attached.body());
        assertEquals("attached", attached.json().path("status").asText());
        assertEquals("ALREADY_ATTACHED", code(gov.api().postJson("/kct_public/projects/" + project + "/mandates", Map.of("escrow_id", e))));
        E2eHttp.Result read = gov.api().get("/kct_public/projects/" + project);
        assertEquals(200, read.status(), read.body());
        assertEquals("750.00", read.json().path("total_amount").asText());
        assertEquals("750.00", read.json().path("remaining_amount").asText());
        E2eHttp.Result list = gov.api().get("/kct_public/projects?domain=public");
        assertEquals(200, list.status(), list.body());
        assertEquals(1, list.json().size());
        Partner otherGov = partner("ONG");
        assertEquals("FORBIDDEN", code(otherGov.api().get("/kct_public/projects/" + project)));
    }
}
