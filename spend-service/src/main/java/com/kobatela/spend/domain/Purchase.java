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
 * A purchase authorised against a mandate (table {@code purchases}, spec {@code domain.md#3.5}). {@code senderId}
 * holds the beneficiary who spent. The idempotency key is unique per {@code idempotencyScope} (the caller's
 * principal) and stored with the request fingerprint ({@code rules.md#idempotency}).
 */
@Entity
@Table(name = "purchases")
public class Purchase extends PanacheEntityBase {

    /** The only PurchaseStatus produced. */
    public static final String COMPLETED = "COMPLETED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The resolved beneficiary who spent. */
    @Column(name = "sender_id", nullable = false)
    public long senderId;

    @Column(name = "merchant_id", nullable = false)
    public long merchantId;

    @Column(name = "category_id")
    public Long categoryId;

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

    @Column(name = "mandate_id")
    public Long mandateId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
