package com.kobatela.escrow.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.kobatela.escrow.domain.EscrowAgreement;

/**
 * Read-only snapshot of an escrow returned by the service layer (amounts scale 2, times UTC).
 *
 * @param id                    escrow id
 * @param clientId              payer
 * @param providerId            beneficiary
 * @param amountTotal           scale 2
 * @param currency              {@code USD}/{@code EUR}
 * @param status                EscrowStatus name
 * @param domain                {@code private}/{@code public}/{@code aid}
 * @param releaseConditionsJson JSON object text
 * @param deadlineAt            UTC
 */
public record EscrowView(long id, long clientId, long providerId, BigDecimal amountTotal, String currency, String status,
        String domain, String releaseConditionsJson, OffsetDateTime deadlineAt) {

    /** Snapshot of an entity. */
    public static EscrowView of(EscrowAgreement e) {
        return new EscrowView(e.id, e.clientId, e.providerId, e.amountTotal, e.currency, e.status.name(), e.domain,
                e.releaseConditionsJson, e.deadlineAt.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
