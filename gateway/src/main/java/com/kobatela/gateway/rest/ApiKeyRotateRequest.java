package com.kobatela.gateway.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Optional body of {@code POST /apikeys/{id}/rotate} (NEW): how long the old key keeps working, and the new key's
 * validity ({@code days_valid} as for creation: absent = 90 days, {@code null} = never expires).
 */
@RegisterForReflection
public class ApiKeyRotateRequest {

    /** Default grace of the old key: one day (seconds). */
    public static final int DEFAULT_GRACE_SECONDS = 86_400;

    private Integer graceSeconds;
    private Integer daysValid;
    private boolean daysValidPresent;

    /** Seconds the old key stays valid, 0 (refused at once) to 604800 (7 days). */
    @Min(0)
    @Max(604_800)
    public Integer getGraceSeconds() {
        return graceSeconds;
    }

    /** Sets the grace as sent. */
    public void setGraceSeconds(Integer graceSeconds) {
        this.graceSeconds = graceSeconds;
    }

    /** Validity of the new key in days, at least 1 (at most 36500); null = never expires. */
    @Min(1)
    @Max(36500)
    public Integer getDaysValid() {
        return daysValid;
    }

    /** Records that the field was sent, even as {@code null}. */
    public void setDaysValid(Integer daysValid) {
        this.daysValid = daysValid;
        this.daysValidPresent = true;
    }

    /** The grace to apply (default one day). */
    public int effectiveGraceSeconds() {
        return graceSeconds == null ? DEFAULT_GRACE_SECONDS : graceSeconds;
    }

    /** Validity to apply: the sent value, 90 days when absent, null (never) when sent as null. */
    public Integer effectiveDaysValid() {
        return daysValidPresent ? daysValid : Integer.valueOf(ApiKeyCreateRequest.DEFAULT_DAYS_VALID);
    }
}
