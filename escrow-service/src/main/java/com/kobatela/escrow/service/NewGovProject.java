package com.kobatela.escrow.service;

/**
 * A validated project creation request (spec {@code api.md#8}) [BEYOND SEED SCOPE].
 *
 * @param label       3..255 characters
 * @param projectType 3..100 characters
 * @param country     2 letters, upper-cased
 * @param city        ≤ 100 characters, or null
 * @param domain      {@code public} or {@code aid}
 * @param govEntityId an existing gov entity, or null
 */
public record NewGovProject(String label, String projectType, String country, String city, String domain, Long govEntityId) {
}
