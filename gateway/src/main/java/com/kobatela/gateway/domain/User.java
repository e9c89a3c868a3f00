package com.kobatela.gateway.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A user (table {@code users}, spec {@code domain.md#1.1}). Username and e-mail are unique (settled by the
 * {@code uq_users_username} / {@code uq_users_email} constraints); {@code public_tag} is {@code private},
 * {@code GOV} or {@code ONG}.
 */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    /** Public tag values (spec {@code domain.md#8}). */
    public static final java.util.List<String> PUBLIC_TAGS = java.util.List.of("private", "GOV", "ONG");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String username;

    @Column(nullable = false, length = 255)
    public String email;

    @Column(name = "is_active", nullable = false)
    public boolean isActive = true;

    @Column(name = "public_tag", nullable = false, length = 10)
    public String publicTag = "private";

    /** [BEYOND SEED SCOPE] Stripe Connect account, always null for now. */
    @Column(name = "stripe_account_id")
    public String stripeAccountId;

    @Column(name = "stripe_payout_enabled", nullable = false)
    public boolean stripePayoutEnabled;

    @Column(name = "stripe_payout_status")
    public String stripePayoutStatus;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
