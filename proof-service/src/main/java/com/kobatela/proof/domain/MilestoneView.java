package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * proof-service's read model of a milestone (table {@code milestone_views}), fed by {@code MilestoneCreated}
 * and {@code MilestoneStatusChanged}. The row is locked while a proof is submitted for it, so two concurrent
 * submissions for one milestone are serialised.
 */
@Entity
@Table(name = "milestone_views")
public class MilestoneView extends PanacheEntityBase {

    @Id
    @Column(name = "milestone_id")
    public Long milestoneId;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(nullable = false)
    public int idx;

    @Column(nullable = false)
    public String label;

    /** Scale 2, in {@link #currency}. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "proof_type")
    public String proofType;

    /** JSON object text or null. */
    @Column(name = "proof_requirements", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(proof_requirements as text)", write = "cast(cast(? as text) as jsonb)")
    public String proofRequirements;

    @Column(name = "geofence_lat")
    public Double geofenceLat;

    @Column(name = "geofence_lng")
    public Double geofenceLng;

    @Column(name = "geofence_radius_m")
    public Double geofenceRadiusM;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Applies a status reported by escrow-service. PAID is final (spec {@code domain.md#9.2}: a milestone stays
     * PAID even when its payment later fails), so a late or replayed event cannot reopen a paid milestone.
     *
     * @return true when the status changed
     */
    public boolean applyStatus(String next) {
        if (next == null || "PAID".equals(status) || next.equals(status)) {
            return false;
        }
        status = next;
        return true;
    }

    /** The geofence when lat, lng and radius are all set (spec {@code rules.md#geofence}), else null. */
    public Geofence geofence() {
        return geofenceLat != null && geofenceLng != null && geofenceRadiusM != null
                ? new Geofence(geofenceLat, geofenceLng, geofenceRadiusM)
                : null;
    }
}
