package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A merchant (table {@code merchants}, spec {@code domain.md#3.3}); {@code name} is unique. A certified merchant is
 * allowed for any purchase that passes the mandate checks (spec {@code rules.md#purchases} step 7).
 */
@Entity
@Table(name = "merchants")
public class Merchant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique name, 1..255 chars. */
    @Column(nullable = false)
    public String name;

    /** The merchant's category, or null. */
    @Column(name = "category_id")
    public Long categoryId;

    @Column(name = "is_certified", nullable = false)
    public boolean isCertified;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
