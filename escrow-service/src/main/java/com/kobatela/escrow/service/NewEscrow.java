package com.kobatela.escrow.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.kobatela.escrow.domain.EscrowDomain;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.money.Amounts;

/**
 * A validated escrow creation request (spec {@code api.md#3.1}).
 *
 * @param clientId              payer user id
 * @param providerId            beneficiary user id
 * @param amountTotal           &gt; 0, scale 2 (HALF_UP)
 * @param currency              {@code USD} or {@code EUR}
 * @param releaseConditionsJson canonical JSON object text (stored verbatim)
 * @param deadlineAt            UTC deadline (naive input read as UTC)
 * @param domain                escrow domain, default {@code private}
 */
public record NewEscrow(long clientId, long providerId, BigDecimal amountTotal, String currency, String releaseConditionsJson,
        OffsetDateTime deadlineAt, EscrowDomain domain) {

    /** SHA-256 fingerprint of the canonical request, compared when an Idempotency-Key is replayed. */
    public String fingerprint() {
        return IdempotencyKeys.fingerprint("POST /escrows", clientId, providerId, Amounts.format(amountTotal), currency,
                releaseConditionsJson, deadlineAt.toInstant(), domain.value());
    }
}
