package com.kobatela.spend.domain;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * spend-service's read model of an escrow (table {@code escrow_views}), fed by {@code kobatela.escrow.v1}: owner
 * principal and currency from {@code EscrowCreated}, status from every escrow event (spec {@code README.md},
 * judgement calls 2 and 4). Eventually consistent with escrow-service. A row written before its
 * {@code EscrowCreated} (a deposit or status seen first) has no owner yet and counts as unknown.
 */
@Entity
@Table(name = "escrow_views")
public class EscrowView extends PanacheEntityBase {

    /** Statuses in which an escrow no longer accepts usage spends (spec {@code rules.md#payees} step 4). */
    public static final Set<String> CLOSED = Set.of("RELEASED", "REFUNDED", "CANCELLED");

    @Id
    @Column(name = "escrow_id")
    public Long escrowId;

    /** {@code user:<id>} or {@code apikey:<id>} of the creator; null until {@code EscrowCreated} is seen. */
    @Column(name = "owner_principal")
    public String ownerPrincipal;

    /** ISO 4217, null until {@code EscrowCreated} is seen. */
    @Column
    public String currency;

    /** EscrowStatus value. */
    @Column
    public String status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** True once {@code EscrowCreated} has been applied. */
    public boolean known() {
        return ownerPrincipal != null && currency != null;
    }

    /** True when RELEASED, REFUNDED or CANCELLED. */
    public boolean closed() {
        return status != null && CLOSED.contains(status);
    }
}
