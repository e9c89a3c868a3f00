package com.kobatela.escrow.rest;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.escrow.service.EscrowView;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * EscrowRead (spec {@code api.md#0.5}): money as a string with two decimals, deadline ISO-8601 UTC.
 *
 * @param id                    escrow id
 * @param clientId              payer user id
 * @param providerId            beneficiary user id
 * @param amountTotal           e.g. {@code "500.00"}
 * @param currency              {@code USD}/{@code EUR}
 * @param status                EscrowStatus
 * @param domain                {@code private}/{@code public}/{@code aid}
 * @param releaseConditionsJson the stored object
 * @param deadlineAt            e.g. {@code 2030-01-01T00:00:00Z}
 */
@RegisterForReflection
public record EscrowRead(
        long id,
        long clientId,
        long providerId,
        @JsonSerialize(using = AmountSerializer.class) BigDecimal amountTotal,
        String currency,
        String status,
        String domain,
        @JsonRawValue String releaseConditionsJson,
        String deadlineAt) {

    /** The representation of a service snapshot. */
    public static EscrowRead of(EscrowView v) {
        return new EscrowRead(v.id(), v.clientId(), v.providerId(), v.amountTotal(), v.currency(), v.status(), v.domain(),
                v.releaseConditionsJson(), utc(v.deadlineAt()));
    }

    static String utc(java.time.OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
