package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * proof-service's read model of a payment (table {@code payment_views}), fed by payment events: PENDING, SENT
 * and SETTLED payments count against the escrow's available balance, ERROR ones do not (spec
 * {@code rules.md#balance}).
 */
@Entity
@Table(name = "payment_views")
public class PaymentView extends PanacheEntityBase {

    @Id
    @Column(name = "payment_id")
    public Long paymentId;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(name = "milestone_id")
    public Long milestoneId;

    /** Scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Moves the status forward only (PENDING, then SENT, then SETTLED or ERROR, both final: spec
     * {@code domain.md#9.4}), so that a late or replayed event never turns an ERROR back into a debit nor a
     * SETTLED payment into an ERROR.
     *
     * @return true when the status changed
     */
    public boolean advanceStatus(String next) {
        boolean moves = ForwardOnly.moves(status, next, PaymentView::rank);
        if (moves) {
            status = next;
        }
        return moves;
    }

    static int rank(String status) {
        return switch (status) {
            case "PENDING" -> 0;
            case "SENT" -> 1;
            default -> 2;
        };
    }
}
