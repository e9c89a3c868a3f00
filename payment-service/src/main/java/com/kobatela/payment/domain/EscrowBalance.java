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
 * {@code rules.md#balance}): opened by {@code EscrowCreated}, credited by {@code EscrowDeposited}, reserved by PENDING
 * payments, debited by SENT/SETTLED ones; an ERROR payment gives its amount back. Amounts are {@code numeric(18,2)} /
 * BigDecimal scale 2 in the escrow's currency; changed only under this row's lock, and the database refuses any state
 * where {@code deposited - debited - reserved < 0}.
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

    /** Sum of SENT and SETTLED payments, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal debited;

    /** Sum of PENDING payments (reserved, not yet accepted by the PSP), scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal reserved;

    /** The escrow's status as last announced by escrow-service ({@code DRAFT}, {@code FUNDED}, ... ; null if unknown). */
    @Column(name = "escrow_status")
    public String escrowStatus;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Deposits minus debits minus reservations, scale 2 (spec {@code rules.md#balance}). */
    public BigDecimal available() {
        return deposited.subtract(debited).subtract(reserved).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /**
     * What is available for a PENDING payment of {@code amount} that is already reserved here: the balance without
     * that payment's own reservation ("other PENDING payments", {@code rules.md#balance}).
     */
    public BigDecimal availableFor(BigDecimal reservedAmount) {
        return available().add(reservedAmount);
    }

    /** Reserves a new PENDING payment's amount (caller checked {@link #available()}). */
    public void reserve(BigDecimal amount, OffsetDateTime now) {
        reserved = reserved.add(amount);
        updatedAt = now;
    }

    /** A PENDING payment went to ERROR: its reservation is released. */
    public void release(BigDecimal amount, OffsetDateTime now) {
        reserved = reserved.subtract(amount);
        updatedAt = now;
    }

    /** A PENDING payment was accepted by the PSP: its reservation becomes a debit. */
    public void debitReserved(BigDecimal amount, OffsetDateTime now) {
        reserved = reserved.subtract(amount);
        debited = debited.add(amount);
        updatedAt = now;
    }

    /** A SENT payment failed at the PSP: its debit is given back. */
    public void reverseDebit(BigDecimal amount, OffsetDateTime now) {
        debited = debited.subtract(amount);
        updatedAt = now;
    }

    /** True when payouts are refused: REFUNDED or CANCELLED, and RELEASED for usage spends ({@code rules.md#payees} 4). */
    public boolean refusesPayouts(boolean usageSpend) {
        return "REFUNDED".equals(escrowStatus) || "CANCELLED".equals(escrowStatus) || usageSpend && "RELEASED".equals(escrowStatus);
    }
}
