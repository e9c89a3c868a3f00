package com.kobatela.kernel.event.payload;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A milestone was added to an escrow ({@code escrow.milestone-created.v1}, topic {@code kobatela.escrow.v1},
 * key = escrow id). proof-service keeps a read model of milestones from it (spec {@code domain.md#2.4}).
 *
 * @param milestoneId       milestone id
 * @param escrowId          escrow id
 * @param idx               sequence index (≥ 1, unique per escrow)
 * @param label             label
 * @param amount            scale 2
 * @param currency          the escrow's currency
 * @param proofType         expected proof kind ({@code PHOTO}, ...) or null
 * @param proofRequirements requirements object ({@code {}} when none)
 * @param geofenceLat       geofence centre latitude or null
 * @param geofenceLng       geofence centre longitude or null
 * @param geofenceRadiusM   geofence radius in metres or null
 * @param status            initial status ({@code WAITING})
 */
@RegisterForReflection
public record MilestoneCreated(
        long milestoneId,
        long escrowId,
        int idx,
        String label,
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency,
        String proofType,
        Map<String, Object> proofRequirements,
        Double geofenceLat,
        Double geofenceLng,
        Double geofenceRadiusM,
        String status) {
}
