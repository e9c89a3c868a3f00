package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.SUPPORT;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.decide;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.proof.support.AdvisorsMockProfile;
import com.kobatela.proof.support.JpegFixtures;
import com.kobatela.proof.support.StubHttpServer;
import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * OCR hook, AI advisor and EXIF check switched on with the mock providers (acceptance AC-064, AC-066, AC-068,
 * AC-069; spec rules.md#ocr, #ai, #photo-rules).
 */
@QuarkusTest
@TestProfile(AdvisorsMockProfile.class)
class AdvisorsMockTest {

    private static String photoUrl(byte[] jpeg) {
        return StubHttpServer.file("p-" + UUID.randomUUID() + ".jpg", jpeg, "image/jpeg");
    }

    private static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void ocrFillsMissingInvoiceFieldsOnly() {
        long e = escrow("500.00", "25.00:PDF");
        Response r = submit(SENDER, e, 1, "PDF", "{}");
        r.then().statusCode(201).body("status", equalTo("PENDING"))
                .body("invoice_total_amount", equalTo("321.00")).body("invoice_currency", equalTo("EUR"))
                .body("metadata.invoice_currency", equalTo("eur")).body("metadata.ocr_status", equalTo("success"))
                .body("metadata.ocr_provider", equalTo("mock")).body("metadata.ocr_raw.total_amount", equalTo("321.00"));
        long id = r.jsonPath().getLong("id");
        decide(SUPPORT, id, "reject", "retry with data").then().statusCode(200);
        submit(SENDER, e, 1, "INVOICE", "{\"invoice_total_amount\":\"150.50\",\"invoice_currency\":\"gbp\"}").then().statusCode(201)
                .body("invoice_total_amount", equalTo("150.50")).body("invoice_currency", equalTo("GBP"))
                .body("metadata.ocr_raw.total_amount", equalTo("321.00")).body("metadata.ocr_raw.currency", equalTo("eur"));
        Map<String, Object> audit = TestDb.query("select actor, data_json::text as data from audit_logs where entity_id = ? "
                + "and action = 'INVOICE_OCR_RUN'", id).get(0);
        assertEquals("invoice_ocr", audit.get("actor"));
        assertTrue(audit.get("data").toString().contains("\"ocr_status\": \"success\""), audit.toString());
    }

    @Test
    void aiResultIsPersistedAuditedAndAdvisoryOnly() {
        long e = escrow("500.00", "100.00:PDF");
        Response r = submit(SENDER, e, 1, "PDF", "{\"ai_assessment\":{\"risk_level\":\"clean\"},\"invoice_total_amount\":\"100\"}");
        r.then().statusCode(201).body("status", equalTo("PENDING"))
                .body("ai_risk_level", equalTo("warning")).body("ai_score", equalTo("0.660"))
                .body("ai_flags", equalTo(List.of("invoice_amount_match"))).body("ai_explanation", equalTo("Analyse réussie"))
                .body("ai_checked_at", notNullValue())
                .body("metadata.ai_assessment.risk_level", equalTo("warning")); // the client's ai_assessment was dropped
        long id = r.jsonPath().getLong("id");
        given().auth().oauth2(SENDER).get("/proofs/" + id).then().statusCode(200)
                .body("metadata.ai_assessment.score", equalTo(0.66f))
                .body("metadata.ai_assessment.flags", equalTo(List.of("invoice_amount_match")))
                .body("metadata.ai_assessment.explanation", equalTo("Analyse réussie"));
        Map<String, Object> audit = TestDb.query("select actor, data_json::text as data from audit_logs where entity_id = ? "
                + "and action = 'AI_PROOF_ASSESSMENT'", id).get(0);
        assertEquals("ai_proof_advisor", audit.get("actor"));
        String data = audit.get("data").toString();
        assertTrue(data.contains("\"risk_level\": \"warning\"") && data.contains("\"flags\": [\"invoice_amount_match\"]"), data);
        // AC-069: a warning needs a note to be approved
        decide(SUPPORT, id, "approved", null).then().statusCode(400).body("error.code", equalTo("AI_REVIEW_NOTE_REQUIRED"));
        decide(SUPPORT, id, "approved", "Valid despite warning").then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("ai_reviewed_by", equalTo("apikey:koba_000003")).body("ai_reviewed_at", notNullValue());
    }

    @Test
    void aiRunsOnAutoApprovedPhotosOnlyAndNeverChangesTheOutcome() {
        long e = escrow("500.00", "100.00:PHOTO", "100.00:PHOTO");
        String url = photoUrl(JpegFixtures.photo(nowUtc(), "+00:00", 5.0, -4.0));
        submit(SENDER, e, 1, "PHOTO", UUID.randomUUID().toString(), url, clean(Instant.now(), 5.0, -4.0)).then().statusCode(201)
                .body("status", equalTo("APPROVED")).body("ai_risk_level", equalTo("warning"));
        long review = nextReview(e);
        assertEquals(0, TestDb.count("select count(*) from audit_logs where entity_id = ? and action = 'AI_PROOF_ASSESSMENT'", review));
    }

    private static long nextReview(long e) {
        // milestone 1 is approved here: pretend it is paid, then send an untrusted photo for milestone 2
        com.kobatela.proof.support.ProofApi.milestoneStatus(e, 1, "WAITING", "PAID");
        String url = photoUrl(JpegFixtures.photo(nowUtc(), "+00:00", 5.0, -4.0));
        return submit(SENDER, e, 2, "PHOTO", UUID.randomUUID().toString(), url,
                "{\"exif_timestamp\":\"" + Instant.now() + "\",\"gps_lat\":5.0,\"gps_lng\":-4.0,\"source\":\"whatsapp\"}")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("ai_risk_level", nullValue())
                .body("metadata.review_reason", equalTo("UNTRUSTED_SOURCE")).extract().jsonPath().getLong("id");
    }

    @Test
    void exifFillsWhatThePartnerLeftOut() {
        long e = escrow("500.00", "100.00:PHOTO:100");
        String url = photoUrl(JpegFixtures.photo(nowUtc(), "+00:00", 5.0003, -4.0003));
        submit(SENDER, e, 1, "PHOTO", UUID.randomUUID().toString(), url, "{\"source\":\"camera\"}").then().statusCode(201)
                .body("status", equalTo("APPROVED"))
                .body("metadata.exif_check.status", equalTo("read"))
                .body("metadata.exif_check.filled", equalTo(List.of("exif_timestamp", "gps_lat", "gps_lng")))
                .body("metadata.gps_lat", equalTo("5.0003"));
    }

    @Test
    void exifThatDisagreesSendsToReview() {
        long e = escrow("500.00", "100.00:PHOTO:500");
        String url = photoUrl(JpegFixtures.photo(nowUtc().minusMinutes(30), "+00:00", 5.0, -4.0));
        submit(SENDER, e, 1, "PHOTO", UUID.randomUUID().toString(), url, clean(Instant.now(), 5.001, -4.0)).then().statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("metadata.review_reason", equalTo("EXIF_MISMATCH"))
                .body("metadata.review_reasons", equalTo(List.of("exif_mismatch")))
                .body("metadata.exif_check.mismatches", equalTo(List.of("exif_timestamp", "gps")));
    }

    @Test
    void exifFetchProblemsNeverRefuseAProof() {
        long e = escrow("500.00", "100.00:PHOTO", "100.00:PHOTO", "100.00:PHOTO", "100.00:PHOTO");
        submit(SENDER, e, 1, "PHOTO", UUID.randomUUID().toString(), "https://files.elsewhere.example/p.jpg", clean(Instant.now(), 5.0, -4.0))
                .then().statusCode(201).body("status", equalTo("APPROVED"))
                .body("metadata.exif_check.reason", equalTo("fetch_host_not_allowed"));
        com.kobatela.proof.support.ProofApi.milestoneStatus(e, 1, "WAITING", "PAID");
        String slowName = "slow-" + UUID.randomUUID() + ".jpg";
        StubHttpServer.file(slowName, JpegFixtures.plain(), "image/jpeg");
        String slow = StubHttpServer.slowFile(slowName, 3000);
        submit(SENDER, e, 2, "PHOTO", UUID.randomUUID().toString(), slow, clean(Instant.now(), 5.0, -4.0))
                .then().statusCode(201).body("metadata.exif_check.reason", equalTo("fetch_timeout"));
        com.kobatela.proof.support.ProofApi.milestoneStatus(e, 2, "WAITING", "PAID");
        String big = StubHttpServer.file("big-" + UUID.randomUUID() + ".jpg", new byte[200_000], "image/jpeg");
        submit(SENDER, e, 3, "PHOTO", UUID.randomUUID().toString(), big, clean(Instant.now(), 5.0, -4.0))
                .then().statusCode(201).body("metadata.exif_check.reason", equalTo("fetch_too_large"));
        com.kobatela.proof.support.ProofApi.milestoneStatus(e, 3, "WAITING", "PAID");
        String pdf = StubHttpServer.file("doc-" + UUID.randomUUID() + ".jpg", "%PDF-1.4".getBytes(), "application/pdf");
        submit(SENDER, e, 4, "PHOTO", UUID.randomUUID().toString(), pdf, clean(Instant.now(), 5.0, -4.0))
                .then().statusCode(201).body("status", equalTo("APPROVED")).body("metadata.exif_check.reason", equalTo("unreadable_image"));
    }

    @Test
    void healthReportsTheCounters() {
        long e = escrow("500.00", "25.00:PDF");
        submit(SENDER, e, 1, "PDF", "{}").then().statusCode(201);
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'proof-advisors' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'proof-advisors' }.data.ocr_calls", greaterThan(0))
                .body("checks.find { it.name == 'proof-advisors' }.data.ai_calls", greaterThan(0));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
