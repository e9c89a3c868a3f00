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
 * A partner API key (table {@code api_keys}, spec {@code domain.md#1.2}, {@code rules.md#api-keys}). Only the
 * HMAC-SHA256 digest of the raw key is stored ({@code key_hash}, UNIQUE) with its public {@code prefix} (UNIQUE);
 * the raw key is returned once at creation and never stored or logged.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Trimmed, not blank, at most 100 characters; not unique. */
    @Column(nullable = false, length = 100)
    public String name;

    /** {@code koba_} + 6 lower-case hex characters. */
    @Column(nullable = false, length = 12, updatable = false)
    public String prefix;

    /** Lower-case hex HMAC-SHA256 of the full raw key (64 characters). */
    @Column(name = "key_hash", nullable = false, length = 128, updatable = false)
    public String keyHash;

    /** {@code sender}, {@code support} or {@code admin}. */
    @Column(nullable = false, length = 10)
    public String scope;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "is_active", nullable = false)
    public boolean isActive = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** Null = never expires. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
