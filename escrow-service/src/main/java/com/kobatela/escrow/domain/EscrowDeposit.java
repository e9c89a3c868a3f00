package com.kobatela.escrow.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A deposit on an escrow (table {@code escrow_deposits}, spec {@code domain.md#2.2}). The client's
 * Idempotency-Key is unique per {@code idempotency_scope} (the caller's principal); the fingerprint tells a replay
 * (same escrow, same amount) from a conflicting reuse (spec {@code rules.md#idempotency}).
 */
@Entity
@Table(name = "escrow_deposits")
public class EscrowDeposit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    /** Amount, scale 2, &gt; 0, in the escrow's currency. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(name = "idempotency_scope", nullable = false)
    public String idempotencyScope;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
