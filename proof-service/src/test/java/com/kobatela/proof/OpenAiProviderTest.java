package com.kobatela.proof;

import static com.kobatela.proof.support.OpenAiStubProfile.AI_KEY;
import static com.kobatela.proof.support.OpenAiStubProfile.AI_MODEL;
import static com.kobatela.proof.support.OpenAiStubProfile.OCR_MODEL;
import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kobatela.proof.client.AiGuard;
import com.kobatela.proof.domain.AiAssessment;
import com.kobatela.proof.service.AdvisorCounters;
import com.kobatela.proof.service.AiAdvisor;
import com.kobatela.proof.support.OpenAiStubProfile;
import com.kobatela.proof.support.StubHttpServer;
import com.kobatela.proof.support.StubHttpServer.Reply;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The {@code openai} providers of the AI advisor and the OCR hook against a stub OpenAI-compatible server: request
 * shape and masking, 2 attempts, timeout, circuit breaker with half-open retry, fallbacks and counters
 * (acceptance AC-064 third case, AC-070, AC-071; spec rules.md#ai, #ocr).
 */
@QuarkusTest
@TestProfile(OpenAiStubProfile.class)
class OpenAiProviderTest {

    private static final String CLEAN = "{\"risk_level\":\"clean\",\"score\":0.91,\"flags\":[\"gps_ok\"],\"explanation\":\"Tout est cohérent.\"}";

    @Inject
    AiAdvisor advisor;

    @Inject
    AdvisorCounters counters;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void closeBreaker() {
        breakers.reset(AiGuard.NAME);
        StubHttpServer.reply(AI_MODEL, Reply.ok(CLEAN));
    }

    private static Map<String, Object> context() {
        return Map.of("mandate_context", Map.of("escrow_id", 1, "beneficiary_iban", "FR7612345678901234"),
                "backend_checks", Map.of("distance", 12.5),
                "document_context", Map.of("type", "PHOTO", "storage_url", "https://files.example.com/proofs/p.jpg?sig=abc",
                        "sha256", "h", "metadata", Map.of("gps_lat", "5.0", "email", "a@b.com", "note", "secret note")));
    }

    private AiAssessment assess() {
        return advisor.assess(context(), null).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void askesTheModelWithTheSanitisedContextAndTheKeyInTheHeaderOnly() {
        AiAssessment a = assess();
        assertEquals(new AiAssessment("clean", 0.91, List.of("gps_ok"), "Tout est cohérent."), a);
        assertEquals("Bearer " + AI_KEY, StubHttpServer.lastAuthorization(AI_MODEL));
        String body = StubHttpServer.lastBody(AI_MODEL);
        assertFalse(body.contains(AI_KEY), "the key never goes into the body");
        assertFalse(body.contains("FR7612345678901234") || body.contains("a@b.com") || body.contains("secret note") || body.contains("sig=abc"), body);
        assertTrue(body.contains("https://files.example.com/proofs/***") && body.contains("_ai_redacted_keys") && body.contains("12.5"), body);
        assertTrue(body.contains("\"json_object\""), body);
    }

    @Test
    void breakerOpensAfterFiveFailedCallsAndClosesAfterTheCoolDown() {
        StubHttpServer.reply(AI_MODEL, Reply.failing());
        int before = StubHttpServer.calls(AI_MODEL);
        long errors = counters.aiErrors();
        for (int i = 0; i < 5; i++) {
            AiAssessment a = assess();
            assertEquals(List.of("ai_unavailable", "retries_exhausted"), a.flags(), "call " + i);
            assertEquals("warning", a.riskLevel());
            assertEquals(0.5, a.score());
        }
        assertEquals(10, StubHttpServer.calls(AI_MODEL) - before, "2 attempts per call");
        assertEquals(5, counters.aiFailureCount());
        assertTrue(advisor.circuitOpen());
        AiAssessment open = assess();
        assertEquals(List.of("ai_unavailable", "circuit_breaker_open"), open.flags());
        assertEquals(10, StubHttpServer.calls(AI_MODEL) - before, "short-circuited: no call");
        assertEquals(errors + 6, counters.aiErrors());

        StubHttpServer.reply(AI_MODEL, Reply.ok(CLEAN));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> "clean".equals(assess().riskLevel()));
        assertFalse(advisor.circuitOpen(), "half-open trial succeeded: closed again");
        assertEquals(0, counters.aiFailureCount());
        long afterSuccess = counters.aiErrors();
        assess();
        assertEquals(afterSuccess, counters.aiErrors(), "a success adds no error");
    }

    @Test
    void aSlowModelTimesOutOnEachAttempt() {
        StubHttpServer.reply(AI_MODEL, new Reply(200, CLEAN, 3000));
        int before = StubHttpServer.calls(AI_MODEL);
        assertEquals(List.of("ai_unavailable", "retries_exhausted"), assess().flags());
        await().atMost(Duration.ofSeconds(5)).until(() -> StubHttpServer.calls(AI_MODEL) - before == 2);
    }

    @Test
    void ocrReadsTheFetchedDocumentAndItsCurrencyIsJudgedLikeUserData() {
        StubHttpServer.reply(OCR_MODEL, Reply.ok("{\"ocr_status\":\"success\",\"total_amount\":\"99.5\",\"currency\":\"usd4\"}"));
        String url = StubHttpServer.file("inv-" + UUID.randomUUID() + ".pdf", "%PDF-1.4 invoice".getBytes(), "application/pdf");
        long e = escrow("500.00", "25.00:PDF");
        submit(SENDER, e, 1, "PDF", UUID.randomUUID().toString(), url, "{}").then().statusCode(422)
                .body("error.code", equalTo("INVOICE_NORMALIZATION_ERROR"));
        assertTrue(StubHttpServer.lastBody(OCR_MODEL).contains("data:application/pdf;base64,"), "document sent inline");

        StubHttpServer.reply(OCR_MODEL, Reply.ok("{\"ocr_status\":\"success\",\"total_amount\":\"99.5\",\"currency\":\"usd\"}"));
        submit(SENDER, e, 1, "PDF", UUID.randomUUID().toString(), url, "{}").then().statusCode(201)
                .body("invoice_total_amount", equalTo("99.50")).body("invoice_currency", equalTo("USD"))
                .body("metadata.ocr_provider", equalTo("openai")).body("ai_risk_level", equalTo("clean"));
    }

    @Test
    void ocrProblemsNeverBlockTheProof() {
        long e = escrow("500.00", "25.00:PDF", "25.00:PDF");
        submit(SENDER, e, 1, "PDF", UUID.randomUUID().toString(), "https://unlisted.example.com/inv.pdf", "{}").then().statusCode(201)
                .body("metadata.ocr_status", equalTo("error")).body("metadata.ocr_raw.ocr_error", equalTo("fetch_host_not_allowed"));
        com.kobatela.proof.support.ProofApi.milestoneStatus(e, 1, "WAITING", "PAID");
        StubHttpServer.reply(OCR_MODEL, Reply.failing());
        String url = StubHttpServer.file("inv-" + UUID.randomUUID() + ".pdf", "%PDF-1.4".getBytes(), "application/pdf");
        submit(SENDER, e, 2, "PDF", UUID.randomUUID().toString(), url, "{}").then().statusCode(201)
                .body("metadata.ocr_status", equalTo("error")).body("metadata.ocr_raw.ocr_error", equalTo("provider_error"));
    }

    @Test
    void thePhotoGoesInlineNeverAsItsStorageUrl() {
        String url = StubHttpServer.file("photo-" + UUID.randomUUID() + ".jpg",
                com.kobatela.proof.support.JpegFixtures.plain(), "image/jpeg");
        long e = escrow("500.00", "100.00:PHOTO");
        submit(SENDER, e, 1, "PHOTO", UUID.randomUUID().toString(), url,
                com.kobatela.proof.support.ProofApi.clean(java.time.Instant.now(), 5.0, -4.0))
                .then().statusCode(201).body("status", equalTo("APPROVED")).body("ai_risk_level", equalTo("clean"));
        String body = StubHttpServer.lastBody(AI_MODEL);
        assertTrue(body.contains("data:image/jpeg;base64,"), "image inline");
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertFalse(body.contains(name), "the storage URL never reaches the model unmasked");
        assertFalse(body.contains("ACME") || body.contains("12 34 56 78"), "PII of the metadata stays out");
    }
}
