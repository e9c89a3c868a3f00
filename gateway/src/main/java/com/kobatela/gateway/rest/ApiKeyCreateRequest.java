package com.kobatela.gateway.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /apikeys} (spec {@code api.md#2.4}). A class rather than a record because
 * {@code days_valid} distinguishes "absent" (default 90 days) from an explicit {@code null} (never expires).
 */
@RegisterForReflection
public class ApiKeyCreateRequest {

    /** Default validity when {@code days_valid} is absent (days). */
    public static final int DEFAULT_DAYS_VALID = 90;

    private String name;
    private String scope;
    private Integer daysValid;
    private boolean daysValidPresent;
    private Long userId;

    /** Key name: trimmed, not blank, at most 100 characters (checked after trimming by the resource). */
    @NotBlank
    public String getName() {
        return name;
    }

    /** Sets the name as sent. */
    public void setName(String name) {
        this.name = name;
    }

    /** {@code sender}, {@code support} or {@code admin}. */
    @NotNull
    @Pattern(regexp = "sender|support|admin", message = "must be one of sender, support, admin")
    public String getScope() {
        return scope;
    }

    /** Sets the scope as sent. */
    public void setScope(String scope) {
        this.scope = scope;
    }

    /** Validity in days, at least 1 (at most 36500); null = never expires. */
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

    /** The user the key acts for, or null. */
    public Long getUserId() {
        return userId;
    }

    /** Sets the linked user as sent. */
    public void setUserId(Long userId) {
        this.userId = userId;
    }

    /** Validity to apply: the sent value, {@value #DEFAULT_DAYS_VALID} when absent, null (never) when sent as null. */
    public Integer effectiveDaysValid() {
        return daysValidPresent ? daysValid : Integer.valueOf(DEFAULT_DAYS_VALID);
    }
}
