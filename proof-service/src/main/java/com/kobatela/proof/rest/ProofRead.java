package com.kobatela.proof.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * ProofRead (spec {@code api.md#0.5}): metadata masked ({@code rules.md#response-masking}); money as strings with
 * two decimals; {@code ai_score} as a string with three decimals; times ISO-8601 UTC.
 */
@RegisterForReflection
public record ProofRead(
        long id,
        long escrowId,
        long milestoneId,
        String type,
        String storageUrl,
        String sha256,
        Map<String, Object> metadata,
        String status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String aiRiskLevel,
        String aiScore,
        List<String> aiFlags,
        String aiExplanation,
        OffsetDateTime aiCheckedAt,
        String aiReviewedBy,
        OffsetDateTime aiReviewedAt,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal invoiceTotalAmount,
        String invoiceCurrency) {
}
