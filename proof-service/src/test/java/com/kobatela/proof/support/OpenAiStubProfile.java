package com.kobatela.proof.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.kobatela.testsupport.ServiceTestProfile;

/**
 * The AI advisor and the OCR hook on their {@code openai} provider, pointed at {@link StubHttpServer}'s chat endpoint
 * (models {@value #AI_MODEL} and {@value #OCR_MODEL}), with a 1 s attempt timeout and a 2 s breaker cool-down; the
 * advisor is shown the photo (inline).
 */
public class OpenAiStubProfile extends ServiceTestProfile {

    public static final String AI_MODEL = "stub-ai";
    public static final String OCR_MODEL = "stub-ocr";
    public static final String AI_KEY = "sk-test-ai-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("kobatela.proof.ai.enabled", "true"),
                Map.entry("kobatela.proof.ai.provider", "openai"),
                Map.entry("kobatela.proof.ai.model", AI_MODEL),
                Map.entry("kobatela.proof.ai.api-key", AI_KEY),
                Map.entry("kobatela.proof.ai.base-url", "${kobatela.stub.url}/v1"),
                Map.entry("kobatela.proof.ai.include-image", "true"),
                Map.entry("com.kobatela.proof.client.AiAttempts/call/Timeout/value", "1"),
                Map.entry("com.kobatela.proof.client.AiGuard/call/CircuitBreaker/delay", "2"),
                Map.entry("kobatela.proof.ocr.enabled", "true"),
                Map.entry("kobatela.proof.ocr.provider", "openai"),
                Map.entry("kobatela.proof.ocr.model", OCR_MODEL),
                Map.entry("kobatela.proof.ocr.api-key", "sk-test-ocr"),
                Map.entry("kobatela.proof.ocr.base-url", "${kobatela.stub.url}/v1"),
                Map.entry("kobatela.proof.ocr.timeout", "2s"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> all = new ArrayList<>(super.testResources());
        all.add(new TestResourceEntry(StubHttpServer.class));
        return all;
    }
}
