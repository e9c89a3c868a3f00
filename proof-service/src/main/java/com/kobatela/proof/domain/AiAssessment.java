package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The AI advisor's answer (spec {@code rules.md#ai}): advisory only, it never approves, rejects or blocks.
 *
 * @param riskLevel   {@code clean}, {@code warning} or {@code suspect}
 * @param score       0.0..1.0, higher is cleaner
 * @param flags       short lower_snake_case codes
 * @param explanation French text for the reviewer
 */
public record AiAssessment(String riskLevel, double score, List<String> flags, String explanation) {

    private static final Set<String> LEVELS = Set.of("clean", "warning", "suspect");

    /** Fallback causes (spec {@code rules.md#ai}). */
    public static final String CIRCUIT_BREAKER_OPEN = "circuit_breaker_open";
    public static final String AI_DISABLED = "ai_disabled";
    public static final String MISSING_API_KEY = "missing_api_key";
    public static final String MISSING_SDK = "missing_sdk";
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";

    /**
     * Normalises a model output: risk level lower-cased (unknown → {@code warning}); score parsed (default 0.5)
     * and clamped to [0, 1]; flags forced to a list of strings; explanation trimmed.
     */
    public static AiAssessment normalise(Map<String, ?> raw) {
        Object level = raw.get("risk_level");
        String l = level == null ? "" : level.toString().strip().toLowerCase(Locale.ROOT);
        double score = 0.5;
        Object s = raw.get("score");
        if (s instanceof Number n && Double.isFinite(n.doubleValue())) {
            score = n.doubleValue();
        } else if (s instanceof String text) {
            try {
                double parsed = Double.parseDouble(text.strip());
                score = Double.isFinite(parsed) ? parsed : 0.5;
            } catch (NumberFormatException e) {
                score = 0.5;
            }
        }
        List<String> flags = new ArrayList<>();
        Object f = raw.get("flags");
        if (f instanceof List<?> list) {
            list.stream().filter(x -> x != null).forEach(x -> flags.add(x.toString()));
        } else if (f != null) {
            flags.add(f.toString());
        }
        Object e = raw.get("explanation");
        return new AiAssessment(LEVELS.contains(l) ? l : "warning", Math.max(0d, Math.min(1d, score)), List.copyOf(flags),
                e == null ? "" : e.toString().strip());
    }

    /** The result returned instead of raising when the advisor cannot answer. */
    public static AiAssessment fallback(String reason) {
        return new AiAssessment("warning", 0.5, List.of("ai_unavailable", reason),
                "L'analyse automatique n'a pas pu être réalisée. Merci de vérifier manuellement ce justificatif.");
    }

    /** The score for the {@code ai_score} column: 3 decimals. */
    public BigDecimal scoreDecimal() {
        return BigDecimal.valueOf(score).setScale(3, RoundingMode.HALF_UP);
    }

    /** The full result as stored in {@code metadata.ai_assessment}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("risk_level", riskLevel);
        m.put("score", score);
        m.put("flags", flags);
        m.put("explanation", explanation);
        return m;
    }
}
