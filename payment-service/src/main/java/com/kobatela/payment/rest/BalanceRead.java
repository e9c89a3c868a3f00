package com.kobatela.payment.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.kobatela.kernel.money.AmountSerializer;
import com.kobatela.payment.service.BalanceView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The balance of an escrow as returned by {@code GET /escrows/{id}/balance}: money as strings with two decimals.
 *
 * @param escrowId  escrow id
 * @param currency  {@code USD}/{@code EUR}
 * @param deposited credited deposits, e.g. {@code "150.00"}
 * @param debited   SENT and SETTLED payments
 * @param reserved  PENDING payments (NEW: reserved until the PSP answers, spec {@code rules.md#balance})
 * @param available deposited minus debited minus reserved
 */
@RegisterForReflection
@Schema(name = "EscrowBalanceRead", description = "Per-escrow balance; money as strings with two decimals")
public record BalanceRead(
        long escrowId,
        String currency,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "150.00")
        @JsonSerialize(using = AmountSerializer.class) BigDecimal deposited,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "0.00")
        @JsonSerialize(using = AmountSerializer.class) BigDecimal debited,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "0.00")
        @JsonSerialize(using = AmountSerializer.class) BigDecimal reserved,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "150.00")
        @JsonSerialize(using = AmountSerializer.class) BigDecimal available) {

    /** The representation of a snapshot. */
    public static BalanceRead of(BalanceView v) {
        return new BalanceRead(v.escrowId(), v.currency(), v.deposited(), v.debited(), v.reserved(), v.available());
    }
}
