package com.kobatela.escrow.service;

import java.math.BigDecimal;

import com.kobatela.escrow.domain.Milestone;

/**
 * Read-only snapshot of a milestone returned by the service layer (amount scale 2).
 *
 * @param id                    milestone id
 * @param escrowId              escrow id
 * @param label                 label
 * @param amount                scale 2
 * @param currency              escrow currency
 * @param idx                   sequence index
 * @param status                MilestoneStatus name
 * @param proofType             expected proof kind
 * @param proofRequirementsJson JSON object text, {@code {}} when none
 * @param geofenceLat           or null
 * @param geofenceLng           or null
 * @param geofenceRadiusM       or null
 * @param validator             stored validator
 */
public record MilestoneView(long id, long escrowId, String label, BigDecimal amount, String currency, int idx, String status,
        String proofType, String proofRequirementsJson, Double geofenceLat, Double geofenceLng, Double geofenceRadiusM, String validator) {

    /** Snapshot of an entity. */
    public static MilestoneView of(Milestone m) {
        return new MilestoneView(m.id, m.escrowId, m.label, m.amount, m.currency, m.idx, m.status.name(), m.proofType,
                m.proofRequirements == null ? "{}" : m.proofRequirements, m.geofenceLat, m.geofenceLng, m.geofenceRadiusM, m.validator);
    }
}
