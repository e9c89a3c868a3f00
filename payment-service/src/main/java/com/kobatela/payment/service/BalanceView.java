package com.kobatela.payment.service;

import java.math.BigDecimal;

import com.kobatela.payment.domain.EscrowBalance;

/**
 * Snapshot of an escrow's balance (amounts scale 2, in {@code currency}).
 *
 * @param escrowId  escrow id
 * @param currency  ISO 4217 code
 * @param deposited credited deposits
 * @param debited   debiting payments
 * @param available deposited minus debited
 */
public record BalanceView(long escrowId, String currency, BigDecimal deposited, BigDecimal debited, BigDecimal available) {

    /** Snapshot of an entity. */
    public static BalanceView of(EscrowBalance b) {
        return new BalanceView(b.escrowId, b.currency, b.deposited, b.debited, b.available());
    }
}
