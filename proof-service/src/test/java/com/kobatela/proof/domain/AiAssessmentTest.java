package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#ai output normalisation and fallback. */
class AiAssessmentTest {

    @Test
    void normalisation() {
        AiAssessment a = AiAssessment.normalise(Map.of("risk_level", " WARNING ", "score", 0.66, "flags", List.of("a", 1),
                "explanation", "  Analyse réussie  "));
        assertEquals(new AiAssessment("warning", 0.66, List.of("a", "1"), "Analyse réussie"), a);
        assertEquals(new BigDecimal("0.660"), a.scoreDecimal());
        Map<String, Object> odd = new HashMap<>();
        odd.put("risk_level", "catastrophic");
        odd.put("score", "abc");
        odd.put("flags", "single");
        AiAssessment b = AiAssessment.normalise(odd);
        assertEquals("warning", b.riskLevel(), "unknown level");
        assertEquals(0.5, b.score(), "unparseable score");
        assertEquals(List.of("single"), b.flags());
        assertEquals("", b.explanation());
        assertEquals(1.0, AiAssessment.normalise(Map.of("score", 7)).score(), "clamped");
        assertEquals(0.0, AiAssessment.normalise(Map.of("score", "-1")).score(), "clamped");
        assertEquals("suspect", AiAssessment.normalise(Map.of("risk_level", "Suspect")).riskLevel());
    }

    @Test
    void fallback() {
        AiAssessment f = AiAssessment.fallback(AiAssessment.CIRCUIT_BREAKER_OPEN);
        assertEquals("warning", f.riskLevel());
        assertEquals(0.5, f.score());
        assertEquals(List.of("ai_unavailable", "circuit_breaker_open"), f.flags());
        assertEquals(Map.of("risk_level", "warning", "score", 0.5, "flags", f.flags(), "explanation", f.explanation()), f.toMap());
    }
}
