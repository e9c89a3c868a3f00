package com.kobatela.payment.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The authoritative balance of one escrow (table {@code escrow_balances}, spec {@code domain.md#5.3},
 * {@code rules.md#balance}): opened by {@code EscrowCreated}, credited by {@code EscrowDeposited}, debited by payouts.
 * Amounts are {@code numeric(18,2)} / BigDecimal scale 2 in the escrow's currency; changed only under a row lock.
 */
@Entity
@Table(name = "escrow_balances")
public class EscrowBalance extends PanacheEntityBase {

    /** The escrow id (assigned by escrow-service). */
    @Id
    @Column(name = "escrow_id")
    public Long escrowId;

    /** Ownership principal of the escrow's creator ({@code user:<id>} / {@code apikey:<id>}). */
    @Column(name = "owner_principal", nullable = false)
    public String ownerPrincipal;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "amount_total", nullable = false, precision = 18, scale = 2)
    public BigDecimal amountTotal;

    /** Sum of credited deposits, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal deposited;

    /** Sum of debiting payments, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal debited;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Deposits minus debits, scale 2 (may be compared with a payout amount). */
    public BigDecimal available() {
        return deposited.subtract(debited).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
