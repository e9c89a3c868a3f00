package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * proof-service's read model of an escrow (table {@code escrow_views}), fed by {@code EscrowCreated},
 * {@code EscrowDeposited} and {@code EscrowStatusChanged}: ownership for sender callers and the deposited sum
 * of the balance pre-check (spec {@code README.md}, judgement call 4). Eventually consistent.
 */
@Entity
@Table(name = "escrow_views")
public class EscrowView extends PanacheEntityBase {

    @Id
    @Column(name = "escrow_id")
    public Long escrowId;

    @Column(name = "owner_principal", nullable = false)
    public String ownerPrincipal;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String status;

    /** Sum of deposits, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal deposited;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Owner of a row created by an event that arrived before {@code EscrowCreated}: no sender sees it yet. */
    public static final String UNKNOWN_OWNER = "";

    /**
     * Moves the status forward only (DRAFT, then FUNDED, then RELEASABLE, then a terminal status), so that a late
     * or replayed event never brings an escrow back (spec {@code domain.md#9.1}: every transition goes forward).
     *
     * @return true when the status changed
     */
    public boolean advanceStatus(String next) {
        boolean moves = ForwardOnly.moves(status, next, EscrowView::rank);
        if (moves) {
            status = next;
        }
        return moves;
    }

    /** Position of an escrow status in its lifecycle; unknown statuses rank as terminal. */
    static int rank(String status) {
        return switch (status) {
            case "DRAFT" -> 0;
            case "FUNDED" -> 1;
            case "RELEASABLE" -> 2;
            default -> 3;
        };
    }
}
