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
 * A usage mandate (table {@code usage_mandates}, spec {@code domain.md#3.1}, state machine {@code #9.5}): a sender
 * lets a beneficiary spend up to {@code totalAmount} (scale 2, {@code currency}) until {@code expiresAt} (UTC).
 * At most one ACTIVE mandate per (sender, beneficiary, currency) (partial unique index); owned by the creating
 * principal ({@code rules.md#ownership}).
 */
@Entity
@Table(name = "usage_mandates")
public class UsageMandate extends PanacheEntityBase {

    /** UsageMandateStatus values (spec {@code domain.md#8}). */
    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String CONSUMED = "CONSUMED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sender_id", nullable = false)
    public long senderId;

    @Column(name = "beneficiary_id", nullable = false)
    public long beneficiaryId;

    /** Limit, scale 2. */
    @Column(name = "total_amount", nullable = false, precision = 18, scale = 2)
    public BigDecimal totalAmount;

    /** Three upper-case letters. */
    @Column(nullable = false)
    public String currency;

    @Column(name = "allowed_category_id")
    public Long allowedCategoryId;

    @Column(name = "allowed_merchant_id")
    public Long allowedMerchantId;

    /** Expiry instant, UTC. */
    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(nullable = false)
    public String status;

    /** Sum of the purchases consumed so far, scale 2, never above {@code totalAmount}. */
    @Column(name = "total_spent", nullable = false, precision = 18, scale = 2)
    public BigDecimal totalSpent;

    /** {@code Caller.principal()} of the creator ({@code user:<id>} or {@code apikey:<id>}). */
    @Column(name = "owner_principal", nullable = false)
    public String ownerPrincipal;

    @Column(name = "owner_user_id")
    public Long ownerUserId;

    @Column(name = "created_by_api_key_id")
    public Long createdByApiKeyId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
