package com.kobatela.spend.domain;

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
 * A restricted transfer (table {@code transactions}, spec {@code domain.md#3.9}); a record only, no money moves.
 * The idempotency key is unique per {@code idempotencyScope} (the caller's principal).
 */
@Entity(name = "RestrictedTransfer")
@Table(name = "transactions")
public class RestrictedTransfer extends PanacheEntityBase {

    /** The only TransactionStatus written. */
    public static final String COMPLETED = "COMPLETED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sender_id", nullable = false)
    public long senderId;

    @Column(name = "receiver_id", nullable = false)
    public long receiverId;

    /** Amount, scale 2, &gt; 0. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    /** {@code USD} or {@code EUR}. */
    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String status;

    @Column(name = "idempotency_scope")
    public String idempotencyScope;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 hex of the canonical request. */
    @Column(name = "request_fingerprint")
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
