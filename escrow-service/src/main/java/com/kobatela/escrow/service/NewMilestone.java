package com.kobatela.escrow.service;

import java.math.BigDecimal;

/**
 * A validated milestone creation request (spec {@code api.md#3.8}).
 *
 * @param label                 1..200 characters
 * @param amount                &gt; 0, scale 2 (HALF_UP)
 * @param currency              3 letters, upper-cased (compared with the escrow's)
 * @param idx                   sequence index ≥ 1
 * @param proofType             expected proof kind, default {@code PHOTO}
 * @param proofRequirementsJson JSON object text ({@code {}} when none)
 * @param geofenceLat           degrees -90..90, or null (all three geofence fields or none)
 * @param geofenceLng           degrees -180..180, or null
 * @param geofenceRadiusM       metres ≥ 0, or null
 * @param validator             default {@code SENDER}
 */
public record NewMilestone(String label, BigDecimal amount, String currency, int idx, String proofType, String proofRequirementsJson,
        Double geofenceLat, Double geofenceLng, Double geofenceRadiusM, String validator) {
}
