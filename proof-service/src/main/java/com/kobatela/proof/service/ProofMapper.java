package com.kobatela.proof.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.proof.domain.Proof;
import com.kobatela.proof.domain.ResponseMasker;
import com.kobatela.proof.rest.ProofRead;

/**
 * JSON conversions of proof metadata and the ProofRead representation (masked metadata, spec
 * {@code rules.md#response-masking}; {@code ai_score} with three decimals).
 */
@ApplicationScoped
public class ProofMapper {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    /** The response for a proof. */
    public ProofRead read(Proof p) {
        return new ProofRead(p.id, p.escrowId, p.milestoneId, p.type, p.storageUrl, p.sha256,
                ResponseMasker.mask(map(p.metadata)), p.status, p.createdAt, p.updatedAt, p.aiRiskLevel,
                p.aiScore == null ? null : p.aiScore.setScale(3, RoundingMode.HALF_UP).toPlainString(),
                p.aiFlags == null ? null : list(p.aiFlags), p.aiExplanation, p.aiCheckedAt, p.aiReviewedBy, p.aiReviewedAt,
                p.invoiceTotalAmount, p.invoiceCurrency);
    }

    /** JSON object text to a map (null stays null). */
    public Map<String, Object> map(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    private List<String> list(String json) {
        try {
            return mapper.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    /** A value to JSON text (null stays null). */
    public String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable", e);
        }
    }

    /**
     * The working metadata of a submission (spec {@code rules.md#proofs} steps 2 and 4): a deep copy without any
     * client-supplied {@code ai_assessment}, decimals converted to strings.
     */
    public static Map<String, Object> working(Map<String, Object> metadata) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (!"ai_assessment".equals(k)) {
                    copy.put(k, decimalsToStrings(v));
                }
            });
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object decimalsToStrings(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, decimalsToStrings(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(decimalsToStrings(x)));
            return out;
        }
        return v;
    }
}
