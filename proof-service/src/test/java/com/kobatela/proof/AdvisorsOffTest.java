package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.proof.client.AiProviders;
import com.kobatela.proof.client.OcrProviders;
import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.domain.AiAssessment;
import com.kobatela.proof.service.AdvisorCounters;
import com.kobatela.proof.service.AiAdvisor;
import com.kobatela.testsupport.ServiceTestProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With the defaults (everything off) the OCR hook, the AI advisor and the EXIF check cost nothing and decide nothing. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class AdvisorsOffTest {

    @Inject
    RemoteFiles files;

    @Inject
    AiProviders ai;

    @Inject
    OcrProviders ocr;

    @Inject
    AdvisorCounters counters;

    @Inject
    AiAdvisor advisor;

    @Test
    void offByDefaultNoCallNoClient() {
        long e = escrow("500.00", "100.00:PHOTO");
        submit(SENDER, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201).body("status", equalTo("APPROVED"))
                .body("ai_risk_level", nullValue()).body("ai_checked_at", nullValue()).body("metadata.exif_check", nullValue());
        long d = escrow("500.00", "100.00:INVOICE");
        submit(SENDER, d, 1, "INVOICE", "{}").then().statusCode(201).body("metadata.ocr_status", equalTo("disabled"))
                .body("metadata.ocr_provider", equalTo("disabled")).body("ai_risk_level", nullValue());
        assertEquals(0, counters.aiCalls());
        assertEquals(0, counters.ocrCalls());
        assertFalse(files.clientCreated(), "no HTTP client for downloads");
        assertFalse(ai.clientCreated(), "no REST client for the AI provider");
        assertFalse(ocr.clientCreated(), "no REST client for the OCR provider");
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'proof-advisors' }.data.ai_status", equalTo("disabled"))
                .body("checks.find { it.name == 'proof-advisors' }.data.ocr_status", equalTo("disabled"));

        // AC-070: asked while disabled, the advisor answers its fallback and counts a call and an error
        AiAssessment disabled = advisor.assess(Map.of(), null).await().atMost(Duration.ofSeconds(5));
        assertEquals(AiAssessment.fallback(AiAssessment.AI_DISABLED), disabled);
        assertEquals(List.of("ai_unavailable", "ai_disabled"), disabled.flags());
        assertEquals(1, counters.aiCalls());
        assertEquals(1, counters.aiErrors());
        assertEquals(0, counters.aiFailureCount(), "not a provider failure");
        assertFalse(ai.clientCreated());
    }
}
