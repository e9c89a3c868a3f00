package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.kobatela.proof.support.MisconfiguredAdvisorsProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * OCR enabled with provider {@code none} and AI enabled without a key: health says so, proofs are still accepted
 * with {@code ocr_status: error} and the {@code missing_api_key} fallback (acceptance AC-072, spec rules.md#ai).
 */
@QuarkusTest
@TestProfile(MisconfiguredAdvisorsProfile.class)
class MisconfiguredAdvisorsTest {

    @Test
    void reportedUnhealthyButProofsAreAccepted() {
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'proof-advisors' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'proof-advisors' }.data.ocr_status", equalTo("misconfigured"))
                .body("checks.find { it.name == 'proof-advisors' }.data.ai_status", equalTo("misconfigured"));
        given().get("/q/health/ready").then().statusCode(200);
        long e = escrow("500.00", "25.00:PDF");
        submit(SENDER, e, 1, "PDF", "{}").then().statusCode(201).body("status", equalTo("PENDING"))
                .body("metadata.ocr_status", equalTo("error")).body("metadata.ocr_provider", equalTo("none"))
                .body("metadata.ocr_raw.ocr_error", equalTo("unknown_provider"))
                .body("ai_risk_level", equalTo("warning"))
                .body("ai_flags", equalTo(List.of("ai_unavailable", "missing_api_key")))
                .body("metadata.ai_assessment.flags", hasItem("missing_api_key"));
    }
}
