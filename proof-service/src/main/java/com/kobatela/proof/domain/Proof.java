package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A proof submitted for a milestone (table {@code proofs}, spec {@code domain.md#4.1}). The stored metadata is
 * unmasked JSON text; responses mask it ({@link ResponseMasker}). Money scale 2, times UTC.
 */
@Entity
@Table(name = "proofs")
public class Proof extends PanacheEntityBase {

    /** Proof statuses (spec {@code domain.md#9.3}). */
    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(name = "milestone_id", nullable = false)
    public long milestoneId;

    @Column(nullable = false)
    public String type;

    @Column(name = "storage_url", nullable = false)
    public String storageUrl;

    @Column(nullable = false)
    public String sha256;

    /** Stored metadata, JSON object text (jsonb), or null. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(metadata as text)", write = "cast(cast(? as text) as jsonb)")
    public String metadata;

    @Column(nullable = false)
    public String status;

    @Column(name = "invoice_total_amount", precision = 18, scale = 2)
    public BigDecimal invoiceTotalAmount;

    @Column(name = "invoice_currency")
    public String invoiceCurrency;

    @Column(name = "ai_risk_level")
    public String aiRiskLevel;

    @Column(name = "ai_score", precision = 4, scale = 3)
    public BigDecimal aiScore;

    /** JSON array text (jsonb) or null. */
    @Column(name = "ai_flags", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(ai_flags as text)", write = "cast(cast(? as text) as jsonb)")
    public String aiFlags;

    @Column(name = "ai_explanation")
    public String aiExplanation;

    @Column(name = "ai_checked_at")
    public OffsetDateTime aiCheckedAt;

    @Column(name = "ai_reviewed_by")
    public String aiReviewedBy;

    @Column(name = "ai_reviewed_at")
    public OffsetDateTime aiReviewedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
