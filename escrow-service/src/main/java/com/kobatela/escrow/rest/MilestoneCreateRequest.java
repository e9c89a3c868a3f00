package com.kobatela.escrow.rest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.escrow.service.NewMilestone;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.Amounts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /escrows/{id}/milestones} (spec {@code api.md#3.8}); unknown fields are refused.
 *
 * @param label             1..200 characters, not blank
 * @param amount            money (number or string), HALF_UP to scale 2, &gt; 0
 * @param currency          exactly 3 letters (case-insensitive; stored upper-case)
 * @param sequenceIndex     ≥ 1
 * @param proofKind         optional, default {@code PHOTO}, 1..50 characters
 * @param proofRequirements optional JSON object, default {@code {}}
 * @param geofenceLat       degrees -90..90; the three geofence fields come together or not at all
 * @param geofenceLng       degrees -180..180
 * @param geofenceRadiusM   metres ≥ 0
 * @param validator         optional, default {@code SENDER}, 1..50 characters
 */
@RegisterForReflection
public record MilestoneCreateRequest(
        String label,
        @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency,
        Integer sequenceIndex,
        String proofKind,
        JsonNode proofRequirements,
        Double geofenceLat,
        Double geofenceLng,
        Double geofenceRadiusM,
        String validator) {

    /**
     * Validates the body in field order.
     *
     * @param canonical canonical JSON text of an object
     * @throws ApiException {@code 422 VALIDATION_ERROR} naming the first failing field
     */
    public NewMilestone validate(Function<JsonNode, String> canonical) {
        if (label == null || label.isBlank()) {
            throw ApiException.validation("label", "label is required (1..200 characters).");
        }
        if (label.length() > 200) {
            throw ApiException.validation("label", "label must be at most 200 characters.");
        }
        if (amount == null) {
            throw ApiException.validation("amount", "Field required.");
        }
        if (!Amounts.isPositive(Amounts.normalize(amount))) {
            throw ApiException.validation("amount", "amount must be greater than 0.");
        }
        if (currency == null || !currency.matches("[A-Za-z]{3}")) {
            throw ApiException.validation("currency", "currency must be 3 letters.");
        }
        if (sequenceIndex == null) {
            throw ApiException.validation("sequence_index", "Field required.");
        }
        if (sequenceIndex < 1) {
            throw ApiException.validation("sequence_index", "sequence_index must be at least 1.");
        }
        String kind = optionalText(proofKind, "proof_kind", "PHOTO");
        if (proofRequirements != null && !proofRequirements.isNull() && !proofRequirements.isObject()) {
            throw ApiException.validation("proof_requirements", "proof_requirements must be a JSON object.");
        }
        String requirements = proofRequirements == null || proofRequirements.isNull() ? "{}" : canonical.apply(proofRequirements);
        checkGeofence();
        String checkedValidator = optionalText(validator, "validator", "SENDER");
        return new NewMilestone(label, Amounts.normalize(amount), currency.toUpperCase(Locale.ROOT), sequenceIndex, kind, requirements,
                geofenceLat, geofenceLng, geofenceRadiusM, checkedValidator);
    }

    private void checkGeofence() {
        boolean any = geofenceLat != null || geofenceLng != null || geofenceRadiusM != null;
        if (!any) {
            return;
        }
        if (geofenceLat == null) {
            throw ApiException.validation("geofence_lat", "geofence_lat, geofence_lng and geofence_radius_m go together.");
        }
        if (geofenceLng == null) {
            throw ApiException.validation("geofence_lng", "geofence_lat, geofence_lng and geofence_radius_m go together.");
        }
        if (geofenceRadiusM == null) {
            throw ApiException.validation("geofence_radius_m", "geofence_lat, geofence_lng and geofence_radius_m go together.");
        }
        if (!(geofenceLat >= -90 && geofenceLat <= 90)) {
            throw ApiException.validation("geofence_lat", "geofence_lat must be between -90 and 90.");
        }
        if (!(geofenceLng >= -180 && geofenceLng <= 180)) {
            throw ApiException.validation("geofence_lng", "geofence_lng must be between -180 and 180.");
        }
        if (!(geofenceRadiusM >= 0) || geofenceRadiusM.isInfinite()) {
            throw ApiException.validation("geofence_radius_m", "geofence_radius_m must be at least 0.");
        }
    }

    private static String optionalText(String value, String field, String defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value.isBlank() || value.length() > 50) {
            throw ApiException.validation(field, field + " must be 1..50 characters.");
        }
        return value;
    }
}
