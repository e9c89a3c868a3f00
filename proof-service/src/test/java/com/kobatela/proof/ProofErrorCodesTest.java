package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.ADMIN;
import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.SUPPORT;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.decide;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.milestoneStatus;
import static com.kobatela.proof.support.ProofApi.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every error code of spec api.md §6.1 and §6.2, and their order (validation before state checks), with the
 * audits and events of successful calls.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ProofErrorCodesTest {

    private static final String BAD_INVOICE = "{\"invoice_total_amount\":\"abc\",\"invoice_currency\":\"US\"}";

    @Test
    void notFoundComesFirst() {
        long e = escrow("500.00", "100.00:PHOTO:100");
        submit(SENDER, 987_654_321L, 1, "PHOTO", BAD_INVOICE).then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"))
                .body("error.message", equalTo("Escrow not found."));
        submit(SENDER, e, 0, "PHOTO", BAD_INVOICE).then().statusCode(404).body("error.code", equalTo("MILESTONE_NOT_FOUND"))
                .body("error.message", equalTo("Milestone not found for escrow."));
        submit(SENDER, e, 1, "PHOTO", BAD_INVOICE).then().statusCode(422).body("error.code", equalTo("INVOICE_NORMALIZATION_ERROR"))
                .body("error.message", equalTo("Les données de montant ou de devise de la facture sont invalides."))
                .body("error.field", equalTo("metadata.invoice_total_amount"))
                .body("error.details.errors.type", equalTo(List.of("invalid_invoice_total_amount", "invalid_invoice_currency")));
    }

    @Test
    void photoCodesAndTheirPrecedence() {
        long e = escrow("500.00", "100.00:PHOTO:100");
        // outside the fence and without timestamp: the geofence wins
        submit(SENDER, e, 1, "PHOTO", "{\"gps_lat\":5.0,\"gps_lng\":-3.9}").then().statusCode(422)
                .body("error.code", equalTo("GEOFENCE_VIOLATION")).body("error.message", equalTo("Photo failed validation."));
        submit(SENDER, e, 1, "PHOTO", "{\"exif_timestamp\":\"garbage\",\"gps_lat\":5.0,\"gps_lng\":-4.0}").then().statusCode(422)
                .body("error.code", equalTo("MISSING_EXIF_TIMESTAMP"));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now().minus(Duration.ofMinutes(180)), 5.0, -4.0)).then().statusCode(422)
                .body("error.code", equalTo("STALE_TIMESTAMP"));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now().plus(Duration.ofMinutes(10)), 5.0, -4.0)).then().statusCode(422)
                .body("error.code", equalTo("FUTURE_TIMESTAMP")).body("error.message", equalTo("Invalid photo metadata."));
        submit(SENDER, e, 1, "PHOTO", "{\"exif_timestamp\":\"" + Instant.now() + "\",\"gps_lat\":\"north\",\"gps_lng\":-4.0}").then()
                .statusCode(422).body("error.code", equalTo("MISSING_GPS"));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0 + 110 / 111_195d, -4.0)).then().statusCode(422)
                .body("error.code", equalTo("GEOFENCE_VIOLATION"));
        assertEquals(0, TestDb.count("select count(*) from proofs where escrow_id = ?", e));
        // inside, with numeric strings
        submit(SENDER, e, 1, "PHOTO", "{\"exif_timestamp\":\"" + Instant.now() + "\",\"gps_lat\":\"5.0005\",\"gps_lng\":\"-4.0005\"}")
                .then().statusCode(201).body("status", equalTo("APPROVED"));
    }

    @Test
    void stateCodesComeAfterContentAndBeforeDuplicateAndBalance() {
        long e = escrow(null, "100.00:PHOTO", "100.00:PHOTO");
        String sha = "dup-" + UUID.randomUUID();
        // review proof (no metadata, no balance needed)
        long first = submit(SENDER, e, 1, "PHOTO", sha, "https://example.com/a.jpg", null).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("metadata.review_reason", equalTo("MISSING_METADATA"))
                .body("metadata.review_reasons", equalTo(List.of("missing_metadata"))).extract().jsonPath().getLong("id");
        // milestone 1 is under review: the state check wins over the duplicate sha256
        submit(SENDER, e, 1, "PHOTO", sha, "https://example.com/a.jpg", null).then().statusCode(409)
                .body("error.code", equalTo("MILESTONE_NOT_WAITING"));
        submit(SENDER, e, 2, "PHOTO", sha, "https://example.com/a.jpg", null).then().statusCode(422)
                .body("error.code", equalTo("SEQUENCE_ERROR")).body("error.message", equalTo("Previous milestone not paid."));
        decide(SUPPORT, first, "reject", "blurry").then().statusCode(200).body("status", equalTo("REJECTED"));
        // REJECTED stays current: resubmission allowed; the same file is a duplicate, checked before the balance
        submit(SENDER, e, 1, "PHOTO", sha, "https://example.com/a.jpg", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("PROOF_DUPLICATE"));
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409)
                .body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals(1, TestDb.count("select count(*) from proofs where escrow_id = ?", e), "nothing stored on 409");
        milestoneStatus(e, 1, "REJECTED", "PAID");
        milestoneStatus(e, 2, "WAITING", "PAID");
        submit(SENDER, e, 2, "PHOTO", null).then().statusCode(409).body("error.code", equalTo("NO_OPEN_MILESTONE"));
    }

    @Test
    void approvalNeedsTheBalanceAndChangesNothingWithoutIt() {
        long e = escrow("100.00", "200.00:PDF");
        long id = submit(SENDER, e, 1, "PDF", "{\"invoice_total_amount\":\"200\"}").then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().jsonPath().getLong("id");
        decide(ADMIN, id, "approved", "ok").then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals("PENDING", TestDb.query("select status from proofs where id = ?", id).get(0).get("status"));
        assertEquals(0, TestDb.count("select count(*) from audit_logs where entity_id = ? and action in ('APPROVE_PROOF', 'DECIDE_PROOF')", id));
        assertEquals(0, TestDb.count("select count(*) from outbox_events where type = 'proof.approved.v1' and payload like ?",
                "{\"proof_id\":" + id + ",%"));
        decide(SUPPORT, id, "rejected", null).then().statusCode(200).body("status", equalTo("REJECTED"));
        assertEquals(1, TestDb.count("select count(*) from outbox_events where type = 'proof.rejected.v1' and payload like ?",
                "{\"proof_id\":" + id + ",%"));
    }

    @Test
    void aiFlaggedProofNeedsANoteToBeApproved() {
        long e = escrow("500.00", "200.00:PDF", "100.00:PDF");
        long id = submit(SENDER, e, 1, "PDF", "{}").then().statusCode(201).extract().jsonPath().getLong("id");
        TestDb.update("update proofs set ai_risk_level = 'Suspect' where id = ?", id);
        decide(SUPPORT, id, "approved", null).then().statusCode(400).body("error.code", equalTo("AI_REVIEW_NOTE_REQUIRED"))
                .body("error.field", equalTo("note"));
        decide(SUPPORT, id, "approve", "   ").then().statusCode(400).body("error.code", equalTo("AI_REVIEW_NOTE_REQUIRED"));
        decide(SUPPORT, id, "reject", null).then().statusCode(200).body("status", equalTo("REJECTED"));
        decide(SUPPORT, id, "approve", null).then().statusCode(400).body("error.code", equalTo("AI_REVIEW_NOTE_REQUIRED"));
        decide(SUPPORT, id, "approve", "still no").then().statusCode(409).body("error.code", equalTo("PROOF_ALREADY_REJECTED"));
        long second = submit(SENDER, e, 1, "PDF", "{}").then().statusCode(201).extract().jsonPath().getLong("id");
        TestDb.update("update proofs set ai_risk_level = 'warning' where id = ?", second);
        decide(SUPPORT, second, "approved", "Valid despite warning").then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("ai_reviewed_by", equalTo("apikey:koba_000003")).body("ai_reviewed_at", notNullValue());
    }

    @Test
    void auditsCarryTheRealActorAndSanitisedData() {
        long e = escrow("500.00", "100.00:PDF");
        long id = submit(SENDER, e, 1, "PDF", UUID.randomUUID().toString(), "https://files.example.com/proofs/inv.pdf?token=s3cr3t",
                "{\"iban\":\"FR7612345678901234\",\"email\":\"a@b.com\",\"invoice_currency\":\"eur\"}").then().statusCode(201)
                .body("metadata.iban", equalTo("**************1234")).body("metadata.email", equalTo("***@b.com"))
                .extract().jsonPath().getLong("id");
        Map<String, Object> submitAudit = TestDb.query("select actor, api_key_id, data_json::text as data from audit_logs "
                + "where entity_id = ? and action = 'SUBMIT_PROOF'", id).get(0);
        assertEquals("apikey:koba_000001", submitAudit.get("actor"));
        assertEquals(1L, ((Number) submitAudit.get("api_key_id")).longValue());
        String data = submitAudit.get("data").toString();
        assertTrue(data.contains("https://files.example.com/proofs/***") && !data.contains("s3cr3t"), data);
        assertTrue(data.contains("***1234") && !data.contains("FR7612345678901234") && data.contains("***@b.com"), data);
        Map<String, Object> ocrAudit = TestDb.query("select actor, data_json::text as data from audit_logs "
                + "where entity_id = ? and action = 'INVOICE_OCR_RUN'", id).get(0);
        assertEquals("invoice_ocr", ocrAudit.get("actor"));
        assertTrue(ocrAudit.get("data").toString().contains("\"ocr_status\": \"disabled\""), ocrAudit.toString());
        assertEquals(0, TestDb.count("select count(*) from audit_logs where entity_id = ? and action = 'AI_PROOF_ASSESSMENT'", id),
                "AI off: no assessment");
        // a review proof is announced as proof.submitted.v1 with the escrow id as key
        assertEquals(1, TestDb.count("select count(*) from outbox_events where type = 'proof.submitted.v1' and message_key = ? "
                + "and payload like ?", String.valueOf(e), "{\"proof_id\":" + id + ",%"));
        decide(SUPPORT, id, "approve", "fine").then().statusCode(200);
        Map<String, Object> decideAudit = TestDb.query("select actor, data_json::text as data from audit_logs "
                + "where entity_id = ? and action = 'DECIDE_PROOF'", id).get(0);
        assertEquals("apikey:koba_000003", decideAudit.get("actor"));
        assertTrue(decideAudit.get("data").toString().contains("\"decision\": \"approved\""), decideAudit.toString());
        assertEquals(1, TestDb.count("select count(*) from outbox_events where type = 'proof.approved.v1' and payload like ? "
                + "and payload like '%\"auto\":false%' and actor = 'apikey:koba_000003'", "{\"proof_id\":" + id + ",%"));
    }

    @Test
    void invoiceNormalisationAc063() {
        long e = escrow("500.00", "25.00:PDF");
        submit(SENDER, e, 1, "PDF", "{\"invoice_total_amount\":\"99.99\",\"invoice_currency\":\"usd4\"}").then().statusCode(422)
                .body("error.code", equalTo("INVOICE_NORMALIZATION_ERROR")).body("error.field", equalTo("metadata.invoice_currency"));
        submit(SENDER, e, 1, "PDF", "{\"invoice_total_amount\":\"150.50\",\"invoice_currency\":\"eur\"}").then().statusCode(201)
                .body("status", equalTo("PENDING")).body("invoice_total_amount", equalTo("150.50"))
                .body("invoice_currency", equalTo("EUR")).body("metadata.invoice_currency", equalTo("eur"))
                .body("metadata.backend_checks.amount_check.absolute_diff", equalTo("125.50"))
                .body("metadata.backend_checks.amount_check.amount_match", equalTo(false));
    }
}
