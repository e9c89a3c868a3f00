package com.kobatela.proof.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.kobatela.testsupport.ServiceTestProfile;

/**
 * Every optional capability on with the mock providers (spec rules.md#ai "mock" provider, OCR test provider), and
 * the EXIF check fetching photos from {@link StubHttpServer}.
 */
public class AdvisorsMockProfile extends ServiceTestProfile {

    /** The mock advisor's answer (acceptance AC-066, AC-068). */
    public static final String AI_RESULT = "{\"risk_level\":\"warning\",\"score\":0.66,\"flags\":[\"invoice_amount_match\"],"
            + "\"explanation\":\"Analyse réussie\"}";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kobatela.proof.ai.enabled", "true",
                "kobatela.proof.ai.provider", "mock",
                "kobatela.proof.ai.mock-result", AI_RESULT,
                "kobatela.proof.ocr.enabled", "true",
                "kobatela.proof.ocr.provider", "mock",
                "kobatela.proof.ocr.mock-result", "{\"ocr_status\":\"success\",\"total_amount\":321.00,\"currency\":\"eur\"}",
                "kobatela.proof.exif.fetch-enabled", "true",
                "kobatela.proof.fetch.timeout", "1s",
                "kobatela.proof.fetch.max-bytes", "100000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> all = new ArrayList<>(super.testResources());
        all.add(new TestResourceEntry(StubHttpServer.class));
        return all;
    }
}
