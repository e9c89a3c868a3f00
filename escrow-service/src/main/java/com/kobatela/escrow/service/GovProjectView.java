package com.kobatela.escrow.service;

import java.math.BigDecimal;

/**
 * A public project with its aggregates (spec {@code rules.md#kct-public}) [BEYOND SEED SCOPE]; amounts scale 2, summed
 * over the attached escrows whatever their currency (ORIGINAL).
 *
 * @param id               project id
 * @param label            label
 * @param projectType      project type
 * @param country          2-letter code
 * @param city             or null
 * @param domain           {@code public}/{@code aid}
 * @param status           {@code active}
 * @param totalAmount      Σ amount_total of the attached escrows
 * @param releasedAmount   Σ amounts of their settled payments
 * @param remainingAmount  total − released
 * @param currentMilestone highest idx among their PAID or PAYING milestones, or null
 */
public record GovProjectView(long id, String label, String projectType, String country, String city, String domain, String status,
        BigDecimal totalAmount, BigDecimal releasedAmount, BigDecimal remainingAmount, Integer currentMilestone) {
}
