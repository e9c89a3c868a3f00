package com.kobatela.escrow.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.escrow.service.MilestoneView;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * MilestoneRead (spec {@code api.md#0.5}): money as a string with two decimals, {@code sequence_index} = idx,
 * {@code proof_kind} = proof_type, {@code proof_requirements} an object ({@code {}} when none).
 *
 * @param id                milestone id
 * @param escrowId          escrow id
 * @param label             label
 * @param amount            e.g. {@code "100.00"}
 * @param currency          the escrow's currency
 * @param sequenceIndex     ≥ 1
 * @param status            MilestoneStatus
 * @param proofKind         expected proof kind
 * @param proofRequirements object
 * @param geofenceLat       degrees or null
 * @param geofenceLng       degrees or null
 * @param geofenceRadiusM   metres or null
 * @param validator         stored validator
 */
@RegisterForReflection
public record MilestoneRead(
        long id,
        long escrowId,
        String label,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal amount,
        String currency,
        int sequenceIndex,
        String status,
        String proofKind,
        @JsonRawValue String proofRequirements,
        Double geofenceLat,
        Double geofenceLng,
        Double geofenceRadiusM,
        String validator) {

    /** The representation of a service snapshot. */
    public static MilestoneRead of(MilestoneView v) {
        return new MilestoneRead(v.id(), v.escrowId(), v.label(), v.amount(), v.currency(), v.idx(), v.status(), v.proofType(),
                v.proofRequirementsJson(), v.geofenceLat(), v.geofenceLng(), v.geofenceRadiusM(), v.validator());
    }
}
