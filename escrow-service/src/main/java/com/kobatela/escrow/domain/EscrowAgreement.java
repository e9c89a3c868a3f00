package com.kobatela.escrow.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An escrow agreement (table {@code escrow_agreements}, spec {@code domain.md#2.1}): money held for a
 * client/provider pair. Amounts are {@code numeric(18,2)} / BigDecimal scale 2; times are UTC.
 */
@Entity
@Table(name = "escrow_agreements")
public class EscrowAgreement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id", nullable = false)
    public long clientId;

    @Column(name = "provider_id", nullable = false)
    public long providerId;

    /** Total to be deposited, scale 2. */
    @Column(name = "amount_total", nullable = false, precision = 18, scale = 2)
    public BigDecimal amountTotal;

    /** {@code USD} or {@code EUR}. */
    @Column(nullable = false, length = 3)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EscrowStatus status;

    /** {@code private}, {@code public} or {@code aid}. */
    @Column(nullable = false)
    public String domain;

    /** The client's release conditions, JSON object text, stored verbatim (jsonb). */
    @Column(name = "release_conditions_json", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(release_conditions_json as text)", write = "cast(cast(? as text) as jsonb)")
    public String releaseConditionsJson;

    @Column(name = "deadline_at", nullable = false)
    public OffsetDateTime deadlineAt;

    /** Ownership principal of the creator ({@code user:<id>} or {@code apikey:<id>}, spec {@code rules.md#ownership}). */
    @Column(name = "owner_principal", nullable = false)
    public String ownerPrincipal;

    @Column(name = "owner_user_id")
    public Long ownerUserId;

    @Column(name = "created_by_api_key_id")
    public Long createdByApiKeyId;

    /** Optional creation Idempotency-Key, scoped by the creator's principal. */
    @Column(name = "idempotency_scope")
    public String idempotencyScope;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the canonical creation request, when a key was given. */
    @Column(name = "request_fingerprint")
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
