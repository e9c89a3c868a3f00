package com.kobatela.payment.service;

import java.math.BigDecimal;

import com.kobatela.payment.domain.EscrowBalance;

/**
 * Snapshot of an escrow's balance (amounts scale 2, in {@code currency}).
 *
 * @param escrowId  escrow id
 * @param currency  ISO 4217 code
 * @param deposited credited deposits
 * @param debited   SENT and SETTLED payments
 * @param reserved  PENDING payments
 * @param available deposited minus debited minus reserved
 */
public record BalanceView(long escrowId, String currency, BigDecimal deposited, BigDecimal debited, BigDecimal reserved,
        BigDecimal available) {

    /** Snapshot of an entity. */
    public static BalanceView of(EscrowBalance b) {
        return new BalanceView(b.escrowId, b.currency, b.deposited, b.debited, b.reserved, b.available());
    }
}
