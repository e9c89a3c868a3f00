package com.kobatela.spend.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /spend} (spec {@code api.md#4.8}): the payout's state when the answer is sent.
 *
 * @param paymentId payment-service's payment id, null while no payment is known yet
 * @param escrowId  the escrow
 * @param amount    money string
 * @param status    {@code SETTLED}, {@code SENT} or {@code PENDING} (payment-service has not answered yet)
 * @param pspRef    the PSP reference, null while unknown
 * @param spendId   NEW: spend-service's id of this usage spend
 */
@RegisterForReflection
public record UsageSpendRead(Long paymentId, long escrowId, @JsonSerialize(using = AmountSerializer.class) BigDecimal amount,
        String status, String pspRef, long spendId) {
}
