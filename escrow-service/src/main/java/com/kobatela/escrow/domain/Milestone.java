package com.kobatela.escrow.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A milestone of an escrow (table {@code milestones}, spec {@code domain.md#2.4}): a part of the escrow paid to the
 * provider once its proof is approved. {@code idx} is unique per escrow ({@code uq_milestone_idx}); the amount is
 * {@code numeric(18,2)} in the escrow's currency. Status changes follow {@link MilestoneTrigger} and are made under the
 * escrow's row lock.
 */
@Entity
@Table(name = "milestones")
public class Milestone extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    /** Sequence index, ≥ 1 ({@code sequence_index} in the API). */
    @Column(nullable = false)
    public int idx;

    @Column(nullable = false, length = 200)
    public String label;

    /** Amount, scale 2, &gt; 0. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    /** The escrow's currency, upper-case. */
    @Column(nullable = false, length = 3)
    public String currency;

    /** Expected proof kind ({@code proof_kind} in the API): {@code PHOTO} triggers the photo rules. */
    @Column(name = "proof_type", nullable = false, length = 50)
    public String proofType;

    /** Stored, not interpreted. */
    @Column(nullable = false, length = 50)
    public String validator;

    /** Expected proof data, JSON object text (jsonb, {@code domain.md#2.6}). */
    @Column(name = "proof_requirements", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(proof_requirements as text)", write = "cast(cast(? as text) as jsonb)")
    public String proofRequirements;

    /** Geofence centre latitude in degrees, or null (the geofence is active only when all three are set). */
    @Column(name = "geofence_lat")
    public Double geofenceLat;

    @Column(name = "geofence_lng")
    public Double geofenceLng;

    /** Geofence radius in metres. */
    @Column(name = "geofence_radius_m")
    public Double geofenceRadiusM;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MilestoneStatus status;

    /** Payout attempt (≥ 1): raised when the payment of the current attempt ended in ERROR ({@link PayoutKeys}). */
    @Column(name = "payout_attempt", nullable = false)
    public int payoutAttempt = 1;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
