package com.kobatela.escrow.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.escrow.service.GovProjectView;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * GovProjectRead (spec {@code api.md#8}) [BEYOND SEED SCOPE]: money as strings with two decimals.
 *
 * @param id               project id
 * @param label            label
 * @param projectType      project type
 * @param country          2-letter code
 * @param city             or null
 * @param domain           {@code public}/{@code aid}
 * @param status           {@code active}
 * @param totalAmount      e.g. {@code "1000.00"}
 * @param releasedAmount   settled payments of the attached escrows
 * @param remainingAmount  total − released
 * @param currentMilestone highest idx among PAID or PAYING milestones, or null
 */
@RegisterForReflection
public record GovProjectRead(long id, String label, String projectType, String country, String city, String domain, String status,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal totalAmount,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal releasedAmount,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal remainingAmount,
        Integer currentMilestone) {

    /** The representation of a service view. */
    public static GovProjectRead of(GovProjectView v) {
        return new GovProjectRead(v.id(), v.label(), v.projectType(), v.country(), v.city(), v.domain(), v.status(), v.totalAmount(),
                v.releasedAmount(), v.remainingAmount(), v.currentMilestone());
    }
}
