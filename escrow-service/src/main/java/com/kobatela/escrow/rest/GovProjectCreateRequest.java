package com.kobatela.escrow.rest;

import java.util.Locale;

import com.kobatela.escrow.service.NewGovProject;
import com.kobatela.kernel.error.ApiException;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /kct_public/projects} (spec {@code api.md#8}) [BEYOND SEED SCOPE].
 *
 * @param label       3..255 characters
 * @param projectType 3..100 characters
 * @param country     exactly 2 letters (stored upper-case)
 * @param city        optional, ≤ 100 characters
 * @param domain      {@code public} or {@code aid}
 * @param govEntityId optional existing gov entity
 */
@RegisterForReflection
public record GovProjectCreateRequest(String label, String projectType, String country, String city, String domain, Long govEntityId) {

    /**
     * @throws ApiException {@code 422 VALIDATION_ERROR} naming the first failing field
     */
    public NewGovProject validate() {
        sized(label, "label", 3, 255);
        sized(projectType, "project_type", 3, 100);
        if (country == null || !country.matches("[A-Za-z]{2}")) {
            throw ApiException.validation("country", "country must be exactly 2 letters.");
        }
        if (city != null && city.length() > 100) {
            throw ApiException.validation("city", "city must be at most 100 characters.");
        }
        if (!"public".equals(domain) && !"aid".equals(domain)) {
            throw ApiException.validation("domain", "domain must be public or aid.");
        }
        return new NewGovProject(label, projectType, country.toUpperCase(Locale.ROOT), city, domain, govEntityId);
    }

    static void sized(String value, String field, int min, int max) {
        if (value == null || value.strip().length() < min || value.length() > max) {
            throw ApiException.validation(field, field + " must be " + min + ".." + max + " characters.");
        }
    }
}
