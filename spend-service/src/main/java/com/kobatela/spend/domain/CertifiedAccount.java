package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A certified user (table {@code certified_accounts}, spec {@code domain.md#3.8}): one row per user, level BASIC or GOLD. */
@Entity
@Table(name = "certified_accounts")
public class CertifiedAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public long userId;

    /** Last (re)certification, UTC. */
    @Column(name = "certified_at", nullable = false)
    public OffsetDateTime certifiedAt;

    /** {@code BASIC} or {@code GOLD}. */
    @Column(nullable = false)
    public String level;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
